"""Lines of a page's chrome that survive text extraction: board field labels and language
switchers, in any language.

Municipal notice boards (Korean 게시판, Japanese お知らせ, Chinese 政务公开 pages, and their
equivalents everywhere) print a row of fields around each post: "담당부서 / 등록일 / 조회수 /
첨부파일 / 목录", "发布时间：2024-07-12 来源：市政府", "Views: 1,024", "Back to list". Sites
also print a language menu as plain links ("English 中文 日本語", "FR | EN | ES"). On a short
article these lines are a large share of the text, and they reach language detection,
entities and story matching.

Two general rules, no per-site list:

- a **field line** is short and made of known field labels (a multilingual list below) alone,
  or each followed by a short value ("등록일 : 2024-07-12", "담당부서 | 스마트도시과 | 등록일 |
  2024-07-12"), or holds two labels or more in a short row;
- a **language switcher** is a line whose words are mostly language names written in their
  own language or in English (from the CLDR through babel: "Français", "Deutsch", "中文",
  "日本語", "한국어", "Korean") or language codes ("FR | EN | ES", "KOR ENG"), from the one
  table of :mod:`pressflow.text.language_names`.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pressflow.text.language_names import language_codes, switcher_names

# Field labels of notice boards and press pages, by language. A label names a field; its
# value follows. Kept to words that are never a line of article text on their own.
FIELD_LABELS = {
    "ko": "담당부서 담당자 담당 부서 부서명 작성자 작성일 등록일 등록자 게시일 수정일 조회수 조회 추천 "
          "첨부파일 첨부 파일 목록 목록으로 이전글 다음글 글쓴이 연락처 전화번호 문의 출처 작성부서 "
          "게시기간 공공누리",
    "ja": "担当 担当課 担当部署 担当者 掲載日 更新日 登録日 公開日 作成日 閲覧数 添付ファイル 添付 一覧 "
          "一覧へ戻る 一覧に戻る 問い合わせ先 お問い合わせ お問い合わせ先 前へ 次へ 前の記事 次の記事 "
          "このページの先頭へ ページの先頭へ 印刷 ページ番号",
    "zh": "发布时间 发布日期 发布者 发布机构 来源 作者 浏览次数 浏览 点击数 点击率 阅读 附件 附件下载 "
          "返回列表 责任编辑 编辑 上一篇 下一篇 打印 关闭 关闭窗口 打印本页 字号 "
          "發佈日期 發布日期 發佈時間 發布時間 瀏覽次數 點閱數 點擊數 附件下載 上一則 下一則 回列表 "
          "返回 來源 作者 發佈單位 發布單位 更新日期 相關附件 列印",
    "en": "department|posted|posted on|posted by|date|date posted|published|published on|"
          "updated|last updated|views|view count|hits|attachment|attachments|attached file|"
          "attached files|files|list|back to list|back to the list|return to list|author|"
          "written by|contact|contact person|phone|tel|telephone|fax|e-mail|email|previous|"
          "next|previous post|next post|print|source|category|tags|share",
    "fr": "service|direction|date|date de publication|publié le|mis à jour le|mise à jour|vues|"
          "nombre de vues|pièce jointe|pièces jointes|fichier joint|fichiers joints|"
          "retour à la liste|retour|auteur|contact|téléphone|tél|courriel|précédent|suivant|"
          "article précédent|article suivant|imprimer|source|catégorie|rubrique",
    "es": "dependencia|área|fecha|fecha de publicación|publicado|publicado el|actualizado|"
          "visitas|vistas|adjunto|adjuntos|archivo adjunto|archivos adjuntos|volver|"
          "volver al listado|volver a la lista|autor|contacto|teléfono|correo|anterior|"
          "siguiente|imprimir|fuente|categoría",
    "pt": "departamento|data|data de publicação|publicado em|atualizado em|visualizações|"
          "acessos|anexo|anexos|voltar|voltar à lista|autor|contato|contacto|telefone|"
          "anterior|próximo|seguinte|imprimir|fonte|categoria",
    "it": "ufficio|settore|data|data di pubblicazione|pubblicato il|aggiornato il|"
          "visualizzazioni|letture|allegato|allegati|torna all'elenco|torna alla lista|"
          "indietro|autore|contatti|telefono|precedente|successivo|stampa|fonte|categoria",
    "de": "abteilung|amt|datum|veröffentlicht|veröffentlicht am|aktualisiert|"
          "zuletzt aktualisiert|aufrufe|zugriffe|anhang|anhänge|dateien|zurück|"
          "zurück zur liste|zurück zur übersicht|autor|kontakt|telefon|vorherige|nächste|"
          "drucken|quelle|kategorie",
    "nl": "afdeling|datum|gepubliceerd|bijgewerkt|weergaven|bijlage|bijlagen|terug|"
          "terug naar overzicht|auteur|contact|telefoon|vorige|volgende|afdrukken|bron",
    "ro": "direcția|serviciul|data|data publicării|publicat|actualizat|vizualizări|"
          "atașament|atașamente|fișiere atașate|înapoi|înapoi la listă|autor|contact|telefon|"
          "anterior|următorul|tipărește|sursa",
    "pl": "wydział|data|data publikacji|opublikowano|zaktualizowano|wyświetlenia|"
          "odsłony|załącznik|załączniki|powrót|powrót do listy|autor|kontakt|telefon|"
          "poprzedni|następny|drukuj|źródło",
    "tr": "birim|tarih|yayın tarihi|yayınlanma tarihi|güncellenme|görüntülenme|okunma|ek|"
          "ekler|dosyalar|geri|listeye dön|yazar|iletişim|telefon|önceki|sonraki|yazdır|kaynak",
    "ru": "отдел|дата|дата публикации|опубликовано|обновлено|просмотры|просмотров|"
          "вложение|вложения|файлы|назад|к списку|вернуться к списку|автор|контакты|телефон|"
          "предыдущая|следующая|печать|источник",
    "uk": "відділ|дата|дата публікації|опубліковано|оновлено|переглядів|перегляди|"
          "вкладення|файли|назад|до списку|автор|контакти|телефон|попередня|наступна|друк|джерело",
    "ar": "القسم|الإدارة|التاريخ|تاريخ النشر|نشر في|آخر تحديث|المشاهدات|عدد المشاهدات|"
          "الزيارات|المرفقات|مرفقات|المرفق|عودة|العودة إلى القائمة|الكاتب|المؤلف|اتصل بنا|"
          "الهاتف|السابق|التالي|طباعة|المصدر",
    "fa": "واحد|بخش|تاریخ|تاریخ انتشار|تاریخ انتشار خبر|بروزرسانی|بازدید|تعداد بازدید|"
          "پیوست|پیوست‌ها|فایل پیوست|بازگشت|بازگشت به فهرست|نویسنده|تماس|تلفن|قبلی|بعدی|"
          "چاپ|منبع|کد خبر",
    "vi": "phòng ban|đơn vị|ngày|ngày đăng|ngày đăng tin|cập nhật|lượt xem|tệp đính kèm|"
          "đính kèm|quay lại|trở về danh sách|tác giả|liên hệ|điện thoại|bài trước|bài sau|"
          "in bài|nguồn",
    "id": "bagian|dinas|tanggal|tanggal terbit|diterbitkan|diperbarui|dilihat|lampiran|"
          "kembali|kembali ke daftar|penulis|kontak|telepon|sebelumnya|berikutnya|cetak|sumber",
    "th": "หน่วยงาน|วันที่|วันที่เผยแพร่|เผยแพร่|ปรับปรุง|จำนวนผู้เข้าชม|ผู้เข้าชม|เข้าชม|"
          "ไฟล์แนบ|เอกสารแนบ|กลับ|กลับหน้ารายการ|ผู้เขียน|ติดต่อ|โทรศัพท์|ก่อนหน้า|ถัดไป|พิมพ์|ที่มา",
}

_SEPARATORS = re.compile(r"\s*[|｜¦\t]\s*|\s+[/／]\s+|\s{3,}|\s*[·•]\s*")
_LABEL_VALUE = re.compile(r"^(?P<label>[^:：]{1,40}?)\s*[:：]\s*(?P<value>.*)$")
MAX_FIELD_LINE = 160  # characters: a field row, never a paragraph
MAX_VALUE = 60


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().strip(" \t:：*※·•-–—[]()").split())


@functools.lru_cache(maxsize=1)
def field_labels() -> frozenset[str]:
    labels: set[str] = set()
    for words in FIELD_LABELS.values():
        labels |= {_norm(w) for w in (words.split("|") if "|" in words else words.split())}
    return frozenset(label for label in labels if label)


_LONE_LABEL = re.compile(r"[\[(【]?\s*(?P<label>[^:：\[\]()【】]+?)\s*[:：]?\s*[\])】]?")


def _is_label(text: str) -> bool:
    return _norm(text) in field_labels()


def _is_lone_label(segment: str) -> bool:
    """"목록", "Back to list", "[첨부파일]", "Views:" (a label with nothing after it)."""
    match = _LONE_LABEL.fullmatch(segment.strip())
    return match is not None and _is_label(match["label"])


def is_field_line(line: str) -> bool:
    """A board's field row or a lone field label: see the module docstring."""
    line = line.strip()
    if not line or len(line) > MAX_FIELD_LINE:
        return False
    segments = [s for s in _SEPARATORS.split(line) if s.strip()]
    labelled = 0
    for segment in segments:
        if len(segment) > MAX_VALUE + 40:
            return False
        pair = _LABEL_VALUE.match(segment.strip())
        if _is_lone_label(segment) or (pair and _is_label(pair["label"]) and len(pair["value"]) <= MAX_VALUE
                                  and (not pair["value"] or re.search(r"\w", pair["value"]))):
            labelled += 1
    if labelled and labelled * 2 >= len(segments):
        return True
    # a row flattened with spaces, "등록일 2024-07-12 조회수 1,024": two different labels or
    # more, each followed by a short value (not "Your email list will begin to grow")
    if len(segments) == 1 and not re.search(r"[:：.!?。！？]", line):
        words = line.split()
        labels = _labels_in_words(words)
        return len(set(labels)) >= 2 and len(words) <= 3 * len(labels)
    return False


def _labels_in_words(words: list[str]) -> list[str]:
    folded = [_norm(w) for w in words]
    found, i = [], 0
    while i < len(folded):
        for span in (3, 2, 1):  # multi-word labels first: "back to list", "date de publication"
            candidate = " ".join(folded[i:i + span])
            if candidate in field_labels():
                found.append(candidate)
                i += span
                break
        else:
            i += 1
    return found


@functools.lru_cache(maxsize=1)
def _language_names() -> tuple[frozenset[str], re.Pattern[str], frozenset[str]]:
    """(single-word language names, a pattern of multi-word ones, language/region codes)."""
    names = {n for n in (_norm(name) for name in switcher_names()) if n}
    single = frozenset(n for n in names if " " not in n)
    multi = sorted((n for n in names if " " in n), key=len, reverse=True)
    return single, re.compile("|".join(re.escape(n) for n in multi)), language_codes()


def is_language_switcher(line: str) -> bool:
    """A line whose words are mostly language names or codes (two at least)."""
    line = unicodedata.normalize("NFC", line.strip())
    if not line or len(line) > 200:
        return False
    single, multi, codes = _language_names()
    folded, found = multi.subn(" ", line.casefold())
    separated = bool(re.search(r"[|｜/·•,]", line))
    originals = [t for t in re.split(r"[\s|｜/／·•,;]+", line) if t.strip("()[]-–—")]
    tokens = [t for t in re.split(r"[\s|｜/／·•,;]+", folded) if t.strip("()[]-–—")]
    upper = {t.casefold() for t in originals if t.isupper()}
    others = 0
    for token in tokens:
        word = _norm(token)
        if word in single or (word in codes and (separated or word in upper)):
            found += 1
        else:
            others += 1
    return found >= 2 and others * 3 <= found


def remove_board_residue(text: str) -> str:
    """``text`` without board field lines and language switchers (paragraphs kept)."""
    kept = []
    for paragraph in text.split("\n\n"):
        lines = [ln for ln in paragraph.split("\n")
                 if not (is_field_line(ln) or is_language_switcher(ln))]
        if lines:
            kept.append("\n".join(lines))
    return "\n\n".join(kept)
