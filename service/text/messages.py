"""The service's own phrases, by id, in English; translated through the catalogues like any
rule text (a catalogue entry's English is the phrase here). Placeholders are ``{name}`` and
a translation must keep every one (lint E432).

Ids are stable: code asks for a phrase by id, so rewording the English only makes the
translations stale, never lost.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # statuses
    "status.eligible": "eligible",
    "status.not_eligible": "not eligible",
    "status.needs_info": "needs information",
    # reasons: a condition in plain words; {label} names a fact ("her age")
    "reason.is": "{label} is {actual}",
    "reason.is_and": "{label} is {actual}, {what}",
    "reason.is_not": "{label} is {actual}, not {values}",
    "reason.include": "{label} include {values}",
    "reason.not_include": "{label} do not include {values}",
    "reason.yes": "{label}: yes",
    "reason.no": "{label}: no",
    "reason.unknown": "not yet known: {facts}",
    "reason.whatever": "this holds whatever {facts} turn out to be",
    "reason.would_be": "it matters whether {label} is {what}",
    "op.lt": "under {limit}",
    "op.le": "{limit} or less",
    "op.gt": "over {limit}",
    "op.ge": "{limit} or more",
    "op.before": "before {limit}",
    "op.on_or_before": "on or before {limit}",
    "op.after": "after {limit}",
    "op.on_or_after": "on or after {limit}",
    "op.one_of": "{values}",
    "op.none_of": "not {values}",
    # amounts
    "amount.exact": "{amount}",
    "amount.between": "{low} to {high}",
    "amount.up_to": "up to {high}",
    "amount.at_least": "at least {low}",
    "amount.days": "{days} days",
    "amount.in_kind": "in kind, or set case by case",
    "amount.not_fixed": "not fixed",
    "amount.if_applies": "if it applies",
    "period.per_month": "a month",
    "period.per_year": "a year",
    "period.per_family_per_year": "a family a year",
    "period.per_household_per_year": "a household a year",
    # where a figure comes from
    "figure.state_value": "{state}: {basis}, from {date}.",
    "figure.value": "{basis}, from {date}.",
    "figure.by_state_unknown": "Set by each State: say which State she lives in to see the "
    "amount.",
    "figure.no_state_value": "No value for {state} is encoded here; ask the authority for the "
    "amount.",
    "figure.national_ask_state": "The national value ({basis}); States set their own amounts: "
    "say which State she lives in.",
    "figure.national_floor_ask_state": "The national floor ({basis}); States set their own "
    "amounts: say which State she lives in.",
    "figure.national_applies": "No value for {state} is encoded here: the national value "
    "applies ({basis}).",
    "figure.national_floor_applies": "No value for {state} is encoded here: the national "
    "floor applies ({basis}).",
    # offices named for her place
    "office.in_district": "{office}, {district}",
    "office.in_district_of": "{office}, {district} district",
    "office.in_state": "{office}, {state}",
    # what would change the answer
    "change.once": "eligible once {changes}",
    # compensation routes: steps and interactions, routes named by their labels
    "route.find_out": "Find out: {questions}",
    "route.not_until": "Not open until: {event}.",
    "route.the_office": "the office",
    "route.helpline": "{number} ({name})",
    "route.or_call": "{escalate}, or call {lines}.",
    "route.escalate": "{limit}: if the {office} has not acted {when}, go to the {above}",
    "route.by": "by {date}",
    "route.by_passed": "by {date} (that day has passed)",
    "route.within_days": "within {n} days",
    "route.within_months": "within {n} months",
    "route.within_of": "{within} of {start}",
    "route.case_by_case": "set case by case",
    "route.unverified": "{text} (unverified)",
    "route.offset.counted": "What she receives under {src} for the same loss is taken into "
    "account in the award under {dst}.",
    "route.offset.deducted": "What she receives under {src} is deducted from the award under "
    "{dst}.",
    "route.offset.adjusted_in_final": "The interim award under {src} is adjusted against the "
    "final award under {dst}.",
    "route.offset.declared": "To claim under {dst} she declares that she has received nothing "
    "for the same loss under {src}, or under any other scheme.",
    # the memo: a routes answer as a page to attach to an application
    "memo.title": "Compensation routes: memo",
    "memo.as_of": "As of {date}. Rules {name} version {version}, digest {digest}.",
    "memo.count.open": "{n} open",
    "memo.count.not_yet_open": "{n} not yet open",
    "memo.count.needs_info": "{n} undecided",
    "memo.count.closed": "{n} closed",
    "memo.open": "Open now",
    "memo.not_yet_open": "Not yet open",
    "memo.needs_info": "Undecided: facts missing",
    "memo.closed": "Closed",
    "memo.decides": "Decides: {forum}; pays: {payer}. May apply: {applicants}.",
    "memo.open_since": "Open since {date}.",
    "memo.applicant.victim": "the survivor",
    "memo.applicant.dependants": "her dependants",
    "memo.applicant.guardian": "a parent, guardian or support person",
    "memo.applicant.sho": "the officer in charge of the police station (certificate)",
    "memo.applicant.magistrate": "a Magistrate (certificate)",
    "memo.applicant.prosecutor": "the prosecutor",
    "memo.applicant.court_suo_motu": "the court on its own",
    "memo.applicant.authority_suo_motu": "the deciding authority on its own",
    "memo.applicant.cwc": "the Child Welfare Committee",
    "memo.interim": "Interim: {amounts}.",
    "memo.final": "Final: {amounts}.",
    "memo.benefit": "{label}: {amount}",
    "memo.if_applies": "{text} (if it applies)",
    "memo.none_applies": "none applies",
    "memo.documents_missing": "Documents missing: {documents}.",
    "memo.time_limits": "Time limits: {limits}.",
    "memo.due_by": "{limit}: {office} by {date}",
    "memo.due_by_passed": "{limit}: {office} by {date}, passed",
    "memo.due_within": "{limit}: {office}, {within}",
    "memo.opens_on": "{route}: opens on {events}.",
    "memo.waiting_on": "{route}: waiting on {facts}.",
    "memo.closed_because": "{route}: {reasons}.",
    "memo.interactions": "How the routes interact",
    "memo.how.counted": "{dst} takes into account what she received under {src} for the same "
    "loss",
    "memo.how.deducted": "{dst} deducts what she received under {src}",
    "memo.how.adjusted_in_final": "the interim award under {src} is adjusted in the final "
    "award under {dst}",
    "memo.how.declared": "{dst} asks her to declare that nothing was received for the same "
    "loss under {src}",
    "memo.together": "{first} and {second} can run at the same time.",
    "memo.provisions": "Provisions relied on",
    "memo.versions": "Rule versions",
    "memo.version": "{title}, in force from {start}",
    "memo.version_until": "{title}, in force from {start} to {end}",
    "memo.picked_by": "{version}, by {fact}: {date}",
    "memo.facts": "Facts relied on",
    "memo.none": "none",
    "memo.awaiting": "Awaiting confirmation (see each rule's note): {routes}.",
    # the paralegal's one-page brief
    "brief.title": "Compensation: a brief for the paralegal",
    "brief.as_of": "As of {date}.",
    "brief.start_here": "Start here",
    "brief.carry": "Carry: {documents}.",
    "brief.limit_by": "{limit}: by {date}.",
    "brief.limit_passed": "{limit}: by {date}; that day has passed.",
    "brief.limit_within": "{limit}: {within}.",
    "brief.escalate": "The office has not acted in time: go to the {office}.",
    "brief.expect": "What she can expect",
    "brief.interim": "interim",
    "brief.final": "final",
    "brief.not_yet_open": "Not yet open",
    "brief.opens_on": "{route}: opens on {events}.",
    "brief.questions": "Ask next: these change the amount most",
    "brief.undecided": "{n} more routes wait on answers like these.",
    "brief.closed": "{n} other routes do not apply to her case.",
    "brief.nothing_open": "No route is open for her yet.",
    "brief.footer": "{name}, version {version}, digest {digest}. Language: {language}.",
    # the language of an answer
    "answer.draft": "machine-drafted translation, not yet checked by a person",
}
