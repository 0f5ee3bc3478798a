"""The brief's page layouts, as Jinja2 templates: Markdown, and HTML with a print stylesheet
for one A4 page. Kept as Python strings so that they ship inside the package with the code
that fills them (a wheel carries no loose data files from service/).

The fonts are Debian's Noto families: Noto Sans for Latin, Noto Sans Devanagari for Hindi,
Noto Sans Bengali for Bengali; the browser or WeasyPrint picks, per character, the first
family that has it, and HarfBuzz shapes conjuncts and matras.
"""

from __future__ import annotations

MARKDOWN = """\
# {{ b.title }}

{{ b.as_of }}{% if b.draft %} *({{ b.draft }})*{% endif %}

## {{ b.headings.start_here }}

{% for a in b.start_here -%}
{{ loop.index }}. **{{ a.office }}**{% if a.due %} ({% if a.overdue %}**{{ a.due }}**\
{% else %}{{ a.due }}{% endif %}){% endif %}
{% for step in a.do %}   - {{ step }}
{% endfor %}{% if a.carry %}   - {{ a.carry }}
{% endif %}
{% endfor -%}
{% if b.nothing_open %}{{ b.nothing_open }}

{% endif -%}
{% if b.expected %}## {{ b.headings.expect }}

{% for e in b.expected -%}
- {{ e.amount }} ({{ e.kind }}): {{ e.under }}
{% endfor %}
{% endif -%}
{% if b.not_yet_open %}## {{ b.headings.not_yet_open }}

{% for line in b.not_yet_open -%}
- {{ line }}
{% endfor %}
{% endif -%}
{% if b.questions %}## {{ b.headings.questions }}

{% for q in b.questions -%}
- {{ q }}
{% endfor %}
{% endif -%}
{% for line in b.counted %}{{ line }}{% if not loop.last %} {% endif %}{% endfor %}

---
{{ b.footer }}
"""

CSS = """\
@page { size: A4; margin: 13mm 14mm 12mm 14mm; }
html { font-family: "Noto Sans", "Noto Sans Devanagari", "Noto Sans Bengali", sans-serif;
       font-size: 9.5pt; line-height: 1.32; color: #111; }
body { margin: 0; }
h1 { font-size: 14pt; margin: 0 0 1mm 0; }
h2 { font-size: 10.5pt; margin: 3mm 0 1mm 0; padding-bottom: 0.5mm;
     border-bottom: 0.4pt solid #888; }
p { margin: 0 0 1mm 0; }
.as-of { color: #333; }
.draft { font-style: italic; color: #8a4b00; }
ol.start { margin: 0; padding-left: 5mm; }
ol.start > li { margin-bottom: 1.6mm; }
ol.start ul { margin: 0.3mm 0 0 0; padding-left: 4mm; }
.office { font-weight: bold; }
.due { white-space: normal; }
.overdue { font-weight: bold; color: #a00000; }
.carry { color: #333; }
table.expect { border-collapse: collapse; width: 100%; }
table.expect td { border-bottom: 0.3pt solid #bbb; padding: 0.6mm 1.5mm 0.6mm 0;
                  vertical-align: top; }
table.expect td.amount { width: 45%; }
table.expect td.kind { width: 9%; color: #333; }
ul.plain { margin: 0; padding-left: 4mm; }
.counted { color: #333; margin-top: 2mm; }
footer { margin-top: 3mm; padding-top: 1mm; border-top: 0.4pt solid #888; font-size: 7.5pt;
         color: #333; overflow-wrap: anywhere; }
"""

HTML = """\
<!doctype html>
<html lang="{{ b.language }}">
<head>
<meta charset="utf-8">
<title>{{ b.title }}</title>
<style>{{ css | safe }}</style>
</head>
<body>
<h1>{{ b.title }}</h1>
<p class="as-of">{{ b.as_of }}{% if b.draft %} <span class="draft">({{ b.draft }})</span>\
{% endif %}</p>

<h2>{{ b.headings.start_here }}</h2>
{% if b.start_here %}<ol class="start">
{% for a in b.start_here %}  <li><span class="office">{{ a.office }}</span>\
{% if a.due %} <span class="due{% if a.overdue %} overdue{% endif %}">({{ a.due }})</span>\
{% endif %}
    <ul>{% for step in a.do %}<li>{{ step }}</li>{% endfor %}\
{% if a.carry %}<li class="carry">{{ a.carry }}</li>{% endif %}</ul></li>
{% endfor %}</ol>
{% else %}<p>{{ b.nothing_open }}</p>
{% endif %}
{% if b.expected %}<h2>{{ b.headings.expect }}</h2>
<table class="expect">
{% for e in b.expected %}<tr><td class="amount">{{ e.amount }}</td><td class="kind">\
{{ e.kind }}</td><td>{{ e.under }}</td></tr>
{% endfor %}</table>
{% endif %}
{% if b.not_yet_open %}<h2>{{ b.headings.not_yet_open }}</h2>
<ul class="plain">{% for line in b.not_yet_open %}<li>{{ line }}</li>{% endfor %}</ul>
{% endif %}
{% if b.questions %}<h2>{{ b.headings.questions }}</h2>
<ul class="plain">{% for q in b.questions %}<li>{{ q }}</li>{% endfor %}</ul>
{% endif %}
{% if b.counted %}<p class="counted">{{ b.counted | join(" ") }}</p>{% endif %}
<footer>{{ b.footer }}</footer>
</body>
</html>
"""
