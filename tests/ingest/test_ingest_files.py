"""Single-file readers on real files: encodings, binary and empty inputs, HTML, Markdown."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from frontwatch.ingest import read_html, read_report, read_text_file, strip_markdown
from frontwatch.models import FrontwatchError

ARABIC_NAME = "Ma'arrat al-Nu'man (معرة النعمان)"
FRENCH = (
    "Des hommes armés ont attaqué le marché de Ménaka mercredi ; au moins 12 civils ont été tués, "
    "selon des sources sécuritaires. L'armée malienne a déclaré que « la situation est sous contrôle »."
)

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Shelling kills five in Idlib | Levant Wire</title>
<meta property="og:title" content="Shelling kills five in Idlib">
<meta property="og:site_name" content="Levant Wire">
<meta property="article:published_time" content="2024-03-05T09:30:00+00:00">
<meta property="og:url" content="https://levant.example/idlib-shelling">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Shelling kills five in Idlib</h1>
<p>At least five civilians were killed on Monday when government forces shelled the town of Sarmin
in Idlib province, the White Helmets civil defence group said.</p>
<p>The group said two children were among the dead. The report could not be independently verified.</p>
<p>Sarmin lies east of the city of Idlib, close to the front line that has divided the province
since the 2020 ceasefire agreed by Russia and Turkey.</p>
</article>
<footer>Copyright 2024 Levant Wire. Published 1 January 2023.</footer>
</body></html>
"""


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8.txt", ("Clashes near " + ARABIC_NAME + ".").encode()),
        ("bom.txt", codecs.BOM_UTF8 + ("Clashes near " + ARABIC_NAME + ".").encode()),
        ("utf16.txt", ("Clashes near " + ARABIC_NAME + ".").encode("utf-16")),
        ("utf16be.txt", codecs.BOM_UTF16_BE + ("Clashes near " + ARABIC_NAME + ".").encode("utf-16-be")),
    ],
)
def test_unicode_encodings_decode_exactly(tmp_path: Path, name: str, data: bytes) -> None:
    report = read_text_file(write(tmp_path, name, data))
    assert report.text == "Clashes near " + ARABIC_NAME + "."
    assert not report.text.startswith("\ufeff")


def test_utf16_without_bom_is_not_mistaken_for_binary(tmp_path: Path) -> None:
    report = read_text_file(write(tmp_path, "le.txt", ("Fighting in Marib. " * 5).encode("utf-16-le")))
    assert report.text.startswith("Fighting in Marib.")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_single_byte_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    report = read_text_file(write(tmp_path, f"{encoding}.txt", FRENCH.encode(encoding, errors="replace")))
    assert "Ménaka" in report.text
    assert "sécuritaires" in report.text
    assert "tués" in report.text


def test_binary_file_is_refused_with_its_name(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    path = write(tmp_path, "photo.txt", png)
    with pytest.raises(FrontwatchError, match=r"photo\.txt: binary"):
        read_text_file(path)


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_or_blank_file_is_an_empty_report(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, "empty.txt", content)
    with pytest.raises(FrontwatchError, match=r"empty\.txt: empty report"):
        read_text_file(path)


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(FrontwatchError, match=r"nope\.txt: no such file"):
        read_text_file(tmp_path / "nope.txt")


def test_published_and_source_are_passed_through(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"Two soldiers were killed in Donetsk.")
    report = read_text_file(path, published=date(2024, 5, 1), source="Ukrinform")
    assert (report.published, report.source, report.title) == (date(2024, 5, 1), "Ukrinform", None)
    assert report.id.startswith("r")


def test_same_text_gives_the_same_report_id(tmp_path: Path) -> None:
    first = read_text_file(write(tmp_path, "a.txt", b"Protest in Khartoum."))
    second = read_text_file(write(tmp_path, "b.txt", b"  Protest in   Khartoum.\n"))
    assert first.id == second.id


def test_markdown_markup_is_stripped_and_heading_becomes_title(tmp_path: Path) -> None:
    markdown = (
        "# Clashes in **Gao**\n\n"
        "Fighters of *JNIM* attacked an [army post](https://example.org/post) near `Gao` on 3 March.\n\n"
        "> At least __12__ soldiers were killed, the army said.\n\n"
        "- first_item stays snake_case\n"
        "* second item\n\n"
        "---\n"
        "![map of the region](map.png) See [the ref][1].\n\n"
        "[1]: https://example.org/ref\n"
    )
    report = read_text_file(write(tmp_path, "gao.md", markdown.encode()))
    assert report.title == "Clashes in Gao"
    assert "Fighters of JNIM attacked an army post near Gao on 3 March." in report.text
    assert "At least 12 soldiers were killed, the army said." in report.text
    assert "first_item stays snake_case" in report.text
    assert "map of the region See the ref." in report.text
    for markup in ("**", "](", "# ", "> ", "`", "https://", "---"):
        assert markup not in report.text


def test_strip_markdown_keeps_paragraph_breaks() -> None:
    title, text = strip_markdown("Intro line.\n\n\n\nSecond paragraph.")
    assert title is None
    assert text == "Intro line.\n\nSecond paragraph."


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    report = read_html(write(tmp_path, "article.html", ARTICLE_HTML.encode()))
    assert "government forces shelled the town of Sarmin" in report.text
    assert "Home" not in report.text.split()
    assert report.title == "Shelling kills five in Idlib"
    assert report.source == "Levant Wire"
    assert report.published == date(2024, 3, 5)
    assert report.url == "https://levant.example/idlib-shelling"


def test_explicit_arguments_win_over_html_metadata(tmp_path: Path) -> None:
    path = write(tmp_path, "article.html", ARTICLE_HTML.encode())
    report = read_html(path, published=date(2024, 3, 6), source="Reuters")
    assert (report.published, report.source) == (date(2024, 3, 6), "Reuters")


def test_html_from_bytes_in_a_declared_legacy_charset() -> None:
    page = ARTICLE_HTML.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Idlib", "Idlib – Sarmín"
    )
    report = read_html(page.encode("cp1252"), name="page")
    assert "Sarmín" in report.text


def test_malformed_html_still_gives_its_text(tmp_path: Path) -> None:
    broken = b"<html><body><div><p>Gunmen abducted 20 villagers in Zamfara <b>on Sunday<p>police said</div"
    report = read_html(write(tmp_path, "broken.html", broken))
    assert "Gunmen abducted 20 villagers in Zamfara" in report.text
    assert "police said" in report.text


def test_html_without_text_is_an_empty_report(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.html", b"<html><head><title></title></head><body>  </body></html>")
    with pytest.raises(FrontwatchError, match=r"blank\.html: empty report"):
        read_html(path)


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    html = read_report(write(tmp_path, "page.dat", ARTICLE_HTML.encode()))
    text = read_report(write(tmp_path, "note.dat", b"Airstrike on Kharkiv."))
    assert html.source == "Levant Wire"
    assert text.text == "Airstrike on Kharkiv."
