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
    # the language of an answer
    "answer.draft": "machine-drafted translation, not yet checked by a person",
}
