"""Build the HTML and DOCX test documents: pages and reports as they arrive in a newsroom.

``article_html()`` is a CMS export: doctype, head with meta description and Open Graph
tags, JSON-LD and analytics scripts, inline styles, a navigation bar, a byline marked
``translate="no"``, a figure, a table, an embedded tweet (blockquote + widget script), code,
comments, entities and all three attribute quotings. ``report_docx(path)`` writes a Word
report (see its docstring). The tests call these functions; run the module to write both
into a folder for a look by hand::

    python -m tools.make_doc_fixtures /tmp/docs
"""

from __future__ import annotations

import sys
from pathlib import Path

ARTICLE_HTML = """\
<!DOCTYPE html>
<html class="no-js" lang="en">
<head>
  <meta charset="utf-8">
  <title>NATO Secretary-General Mark Rutte visits Kyiv | World News</title>
  <meta name="description" content="Rutte said that NATO will support Ukraine.">
  <meta property="og:title" content='NATO Secretary-General Mark Rutte visits Kyiv'>
  <meta name=viewport content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/static/site.css?v=3">
  <style>
    .headline { font: 700 2rem/1.2 Georgia, serif; }
    p > a[href^="http"]::after { content: " \\2197"; }
  </style>
  <script type="application/ld+json">
  {"@type": "NewsArticle", "headline": "NATO Secretary-General Mark Rutte visits Kyiv"}
  </script>
  <script>
    window.dataLayer = window.dataLayer || [];
    if (a < b && c > d) { document.write("<p>Not a paragraph</p>"); }
  </script>
</head>
<body>
<!-- header: cms-v2 -->
<nav class="site-nav" aria-label="Main menu">
  <ul>
    <li><a href="/">Home</a></li>
    <li><a href="/world" title="News from around the world">World</a></li>
    <li><a href='/ukraine'>Ukraine</a></li>
  </ul>
</nav>
<main>
<article>
  <h1 class="headline" style="color:#222">NATO Secretary-General Mark Rutte visits Kyiv</h1>
  <p class="byline" translate="no">By Olena Kovalenko &middot; Reuters</p>
  <p><em>Kyiv, 3 October 2024</em></p>
  <p>NATO Secretary-General <strong>Mark Rutte</strong> arrived in Kyiv on Thursday.
    It was his first visit to Ukraine as Secretary-General. Rutte took office on 1 October.</p>
  <figure>
    <img src="/img/rutte-kyiv.jpg" width=640
         alt="Rutte met President Volodymyr Zelenskyy in Kyiv.">
    <figcaption>He met President Volodymyr Zelenskyy in Kyiv.</figcaption>
  </figure>
  <p style="margin-top:1em">Rutte said that NATO will support Ukraine.
    The meeting will take place at <a href="https://www.ramstein.af.mil/"
    target="_blank">Ramstein Air Base</a> in Germany on 12 October.</p>
  <h2 id="victory-plan">The victory plan</h2>
  <p>The victory plan has several key points:</p>
  <ul>
    <li>long-range weapons for Ukraine;</li>
    <li>more air defence systems and drones;</li>
    <li>an invitation to join NATO.</li>
  </ul>
  <blockquote class="twitter-tweet" data-lang="en"><p lang="en" dir="ltr">Russia attacked
  Kharkiv with glide bombs. <a href="https://t.co/AbC123">pic.twitter.com/AbC123</a></p>&mdash;
  Volodymyr Zelenskyy (@ZelenskyyUa)
  <a href="https://twitter.com/ZelenskyyUa/status/1">October 3, 2024</a></blockquote>
  <script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>
  <table class="data">
    <caption>According to Zelenskyy, Russia launched these weapons
      against Ukraine in September:</caption>
    <thead><tr><th>Weapon</th><th>Number</th></tr></thead>
    <tbody>
      <tr><td>Attack drones</td><td>1,300</td></tr>
      <tr><td>Glide bombs</td><td>2,500</td></tr>
      <tr><td>Missiles</td><td>80</td></tr>
    </tbody>
  </table>
  <p>Read more on the <a href="https://www.nato.int/">NATO website</a> &amp; on the
    <a href="https://www.president.gov.ua/en">website of the President of Ukraine</a>.<br>
    Use <code>nato --help</code> and the <span class="notranslate">NATO Summit</span> app.</p>
  <pre><code>curl https://www.nato.int/feed.xml | grep Rutte</code></pre>
</article>
</main>
<footer><p>&copy; 2024 World News. <button aria-label="Back to the top">&uarr;</button></p></footer>
</body>
</html>
"""


def article_html() -> str:
    """The CMS article page (UTF-8 text)."""
    return ARTICLE_HTML


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = (f'xmlns:w="{W}" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
       'xmlns:v="urn:schemas-microsoft-com:vml"')
_FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes {_NS}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>
</w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr>
<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> \
Rutte took office on 1 October.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def report_docx(path: Path) -> Path:
    """A Word report: title and headings, body text with bold and italic runs and a
    spell-check marker, a numbered list, a table with a nested table, a footnote, an
    external hyperlink, a tracked insertion and deletion, a comment, a PAGE field, a text
    box, and a header and footer. python-docx builds what its API offers; the footnote,
    hyperlink, tracked changes, field and text box are written as OOXML (it has no API for
    them)."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "World News — internal report"
    footer = section.footer.paragraphs[0]
    footer.text = "Page "
    footer._p.append(parse_xml(
        f'<w:fldSimple {_NS} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    document.add_heading("NATO Secretary-General Mark Rutte visits Kyiv", level=0)
    intro = document.add_paragraph("NATO Secretary-General ")
    intro.add_run("Mark Rutte").bold = True
    intro.add_run(" arrived in Kyiv on ")
    intro.add_run("Thursday").italic = True
    intro.add_run(". It was his first visit to Ukraine as Secretary-General.")
    intro._p.append(parse_xml(f'<w:proofErr {_NS} w:type="spellStart"/>'))
    document.add_comment(intro.runs[1], text="Check the spelling of the name.",
                         author="Editor", initials="ED")
    note = parse_xml(f'<w:r {_NS}><w:rPr><w:rStyle w:val="FootnoteReference"/>'
                     '<w:vertAlign w:val="superscript"/></w:rPr>'
                     '<w:footnoteReference w:id="1"/></w:r>')
    intro._p.append(note)
    document.add_heading("The victory plan", level=1)
    document.add_paragraph("The victory plan has several key points:")
    for item in ("long-range weapons for Ukraine;", "more air defence systems and drones;",
                 "an invitation to join NATO."):
        document.add_paragraph(item, style="List Number")
    link = document.part.relate_to("https://www.ramstein.af.mil/", RT.HYPERLINK,
                                   is_external=True)
    meeting = document.add_paragraph("The meeting will take place at ")
    meeting._p.append(parse_xml(
        f'<w:hyperlink {_NS} r:id="{link}" w:history="1"><w:r><w:rPr>'
        '<w:rStyle w:val="Hyperlink"/><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>'
        '<w:t>Ramstein Air Base</w:t></w:r></w:hyperlink>'))
    meeting.add_run(" in Germany on 12 October.")
    changed = document.add_paragraph("Rutte said that ")
    changed._p.append(parse_xml(
        f'<w:del {_NS} w:id="91" w:author="Editor" w:date="2024-10-03T10:00:00Z"><w:r>'
        '<w:delText xml:space="preserve">the allies </w:delText></w:r></w:del>'))
    changed._p.append(parse_xml(
        f'<w:ins {_NS} w:id="92" w:author="Editor" w:date="2024-10-03T10:00:00Z"><w:r>'
        '<w:t xml:space="preserve">NATO </w:t></w:r></w:ins>'))
    changed.add_run("will support Ukraine.")
    table = document.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    for row, (weapon, number) in zip(table.rows, [("Weapon", "Number"),
                                                  ("Attack drones", "1,300"),
                                                  ("Glide bombs", "2,500")], strict=True):
        row.cells[0].text, row.cells[1].text = weapon, number
    inner = table.rows[2].cells[1].add_table(rows=1, cols=1)
    inner.rows[0].cells[0].text = "Missiles"
    box = document.add_paragraph()
    box._p.append(parse_xml(
        f'<w:r {_NS}><w:pict><v:shape id="box1" style="width:200pt;height:50pt">'
        '<v:textbox><w:txbxContent><w:p><w:r><w:t>Air raid sirens sounded in Kharkiv.</w:t>'
        '</w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                _FOOTNOTES.encode(), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    document.save(str(path))
    return path


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "doc-fixtures")
    out.mkdir(parents=True, exist_ok=True)
    (out / "article.html").write_text(article_html(), encoding="utf-8")
    print(out / "article.html")
    print(report_docx(out / "report.docx"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
