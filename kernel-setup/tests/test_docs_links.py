"""Every relative link and image in README.md and docs/**/*.md points at a file of the repository, and every #anchor
into a Markdown file at one of its headings (GitHub's heading ids); the README stays a front page."""
import re
import urllib.parse

from markdown_it import MarkdownIt

from conftest import ROOT

FRONT_PAGE_LINES = 200
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
HTML_TARGET = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def parser():
    return MarkdownIt("commonmark").enable("table")


def guide_files(root):
    """README.md and every Markdown file under docs/."""
    return [root / "README.md"] + sorted((root / "docs").rglob("*.md"))


def targets(tokens):
    """Link and image targets of parsed Markdown, in order, as written (code spans and blocks excluded)."""
    for token in tokens:
        if token.type in ("html_block", "html_inline"):
            yield from HTML_TARGET.findall(token.content)
        if token.type == "link_open":
            yield token.attrGet("href")
        if token.type == "image":
            yield token.attrGet("src")
        if token.children:
            yield from targets(token.children)


def heading_ids(path):
    """The ids GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces to hyphens, repeats
    numbered -1, -2, ..."""
    tokens = parser().parse(path.read_text(encoding="utf-8"))
    ids, seen = set(), {}
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = "".join(c.content for c in tokens[i + 1].children if c.type in ("text", "code_inline"))
        slug = re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        ids.add(slug if n == 0 else f"{slug}-{n}")
    return ids


def broken_links(root, files):
    """One line per relative link or image in files that does not resolve: "file: target (why)"."""
    root = root.resolve()
    problems = []
    for md in files:
        for target in targets(parser().parse(md.read_text(encoding="utf-8"))):
            if not target or SCHEME.match(target):
                continue
            path_part, _, anchor = target.partition("#")
            path = (md.parent / urllib.parse.unquote(path_part)).resolve() if path_part else md.resolve()
            where = f"{md.relative_to(root)}: {target}"
            if not path.is_relative_to(root):
                problems.append(f"{where} (outside the repository)")
            elif not path.exists():
                problems.append(f"{where} (no such file)")
            elif anchor and path.suffix == ".md" and urllib.parse.unquote(anchor) not in heading_ids(path):
                problems.append(f"{where} (no heading #{anchor} in {path.relative_to(root)})")
    return problems


def test_every_relative_link_in_readme_and_docs_resolves():
    files = guide_files(ROOT)
    assert len(files) > 1, files
    problems = broken_links(ROOT, files)
    assert not problems, "\n".join(problems)


def test_the_readme_is_a_front_page():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").count("\n")
    assert lines <= FRONT_PAGE_LINES, f"README.md has {lines} lines; the guide's details belong in docs/"


def test_a_missing_file_image_or_heading_is_reported(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("# A guide\n\n## Two words\n", encoding="utf-8")
    (tmp_path / "README.md").write_text(
        "[ok](docs/guide.md#two-words) [self](#front) [web](https://example.org/x.md)\n\n# Front\n\n"
        "[gone](docs/missing.md) ![pic](results/none.png) [bad anchor](docs/guide.md#three-words)\n\n"
        "| a | b |\n|---|---|\n| [in a table](nowhere.md) | x |\n\n"
        "<img src=\"figure.png\"> [up](../outside.md) `[code](not/a/link.md)`\n", encoding="utf-8")
    problems = broken_links(tmp_path, guide_files(tmp_path))
    assert problems == [
        "README.md: docs/missing.md (no such file)",
        "README.md: results/none.png (no such file)",
        "README.md: docs/guide.md#three-words (no heading #three-words in docs/guide.md)",
        "README.md: nowhere.md (no such file)",
        "README.md: figure.png (no such file)",
        "README.md: ../outside.md (outside the repository)",
    ], problems
