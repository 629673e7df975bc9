"""Board field lines and language switchers are removed from article text, in any language
and script; article sentences that merely use those words are kept."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pytest_httpserver import HTTPServer

from pressflow.crawl.extract import extract_page
from pressflow.crawl.residue import is_field_line, is_language_switcher, remove_board_residue

FIELD_LINES = [
    "담당부서 / 등록일 / 조회수 / 첨부파일 / 목록",
    "담당부서 | 스마트도시과 | 등록일 | 2024-07-12",
    "등록일 2024-07-12 조회수 1,024",
    "목록",
    "[첨부파일]",
    "担当部署：都市政策課　掲載日：2024年7月12日",
    "一覧へ戻る",
    "发布时间：2024-07-12 来源：市政府办公室",
    "浏览次数：1024",
    "上一篇",
    "發佈日期：2024-07-12 | 瀏覽次數：88",
    "Views: 1,024",
    "Back to list",
    "Date: 12 March 2024 | Views: 230",
    "Pièces jointes :",
    "Retour à la liste",
    "Fecha de publicación: 12/07/2024",
    "Zurück zur Übersicht",
    "Дата публикации: 12.07.2024 | Просмотров: 310",
    "تاریخ انتشار: ۲۲ تیر ۱۴۰۳ | کد خبر: ۱۲۳۴۵",
    "المشاهدات: 1024",
    "Lượt xem: 1.024",
    "ไฟล์แนบ",
]

SWITCHERS = [
    "English 中文 日本語",
    "한국어 English 中文 日本語",
    "FR | EN | ES",
    "Français Deutsch",
    "EN/KR/CN/JP",
    "KOR ENG CHN",
    "Español · English · Português",
    "简体中文 | 繁體中文 | English",
    "Русский | Українська | English",
    "العربية English Français",
    "Bahasa Indonesia | English",
    "Tiếng Việt English",
]

ARTICLE_LINES = [
    "서울시는 12일 스마트도시 국제포럼을 개최했다고 밝혔다.",
    "시는 등록일 기준으로 신청자를 선정하며, 조회수가 많은 제안을 우선 검토한다.",
    "Date limite de dépôt des dossiers : 15 mars, au service de l'urbanisme.",
    "La date de la réunion est fixée au 12 mars.",
    "The French and German mayors met in English.",
    "Your email list will begin to grow",
    "Les habitants parlent français, arabe et anglais dans le quartier.",
    "市政府发布时间表，来源包括各区的报告。",
    "de la ville",
    "English",
    "Source files: blanket.js, mocha-blanket.js",
]


@pytest.mark.parametrize("line", FIELD_LINES)
def test_field_lines_in_many_languages_are_found(line: str) -> None:
    assert is_field_line(line)


@pytest.mark.parametrize("line", SWITCHERS)
def test_language_switchers_in_many_scripts_are_found(line: str) -> None:
    assert is_language_switcher(line)


@pytest.mark.parametrize("line", ARTICLE_LINES)
def test_article_sentences_are_kept(line: str) -> None:
    assert not is_field_line(line) and not is_language_switcher(line)
    assert remove_board_residue(line) == line


KOREAN_BOARD = """<!doctype html><html lang="ko"><head><title>보도자료</title></head><body>
<div class="board-view"><h1>스마트도시 국제포럼 개최</h1>
<p>첨부파일</p>
<p>서울시는 12일 세계 40개 도시 시장과 전문가가 참여하는 스마트도시 국제포럼을 개최했다고 밝혔다.</p>
<p>English 中文 日本語</p>
<p>담당부서 | 스마트도시과 | 등록일 | 2024-07-12</p>
<p>목록</p></div></body></html>"""

FRENCH_SHORT = """<!doctype html><html lang="fr"><head><title>Conseil municipal</title></head><body>
<div class="content"><h1>Conseil municipal du 12 mars</h1><p>FR | EN | ES</p>
<p>Le conseil municipal se réunira le 12 mars à 18 heures à l'hôtel de ville de Lyon.</p>
<p>Français Deutsch</p><p>Retour à la liste</p></div></body></html>"""


def test_extraction_drops_the_residue_of_a_korean_board() -> None:
    page = extract_page(KOREAN_BOARD, "https://seoul.example/news/1")
    assert page.text == ("서울시는 12일 세계 40개 도시 시장과 전문가가 참여하는 스마트도시 국제포럼을 "
                         "개최했다고 밝혔다.")


def test_extract_command_on_a_served_short_article(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/conseil").respond_with_data(FRENCH_SHORT, content_type="text/html")
    result = subprocess.run([sys.executable, "-m", "pressflow", "extract", httpserver.url_for("/conseil")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    text = json.loads(result.stdout)["text"]
    assert text == "Le conseil municipal se réunira le 12 mars à 18 heures à l'hôtel de ville de Lyon."


def test_the_shipped_language_names_are_babels() -> None:
    """The table read at run time is exactly what babel and pycountry give today."""
    from importlib import resources

    from pressflow.text.language_names import LANGUAGE_NAMES_FILE, language_name_table

    shipped = json.loads(resources.files("pressflow.data").joinpath(LANGUAGE_NAMES_FILE).read_text("utf-8"))
    assert shipped == language_name_table()
