import csv

import pytest

from graph.glossary import COLUMNS, GLOSSARY_FILE, Glossary, Term, english_words, ize_spelling, load_glossary
from graph.glossary.dictionary import load_dictionary

SOURCES = {"unfccc-abbr", "unfccc", "unterm", "ipcc", "unep", "un-general"}


def lookup(glossary: Glossary, english: str) -> Term | None:
    """The term the whole English phrase names, as search matches it (match_english), or None."""
    words = english_words(english)
    whole = [term for first, end, term in glossary.match_english(words) if (first, end) == (0, len(words))]
    return whole[0] if whole else None


def _term(glossary: Glossary, english: str) -> Term:
    term = lookup(glossary, english)
    assert term is not None, english
    return term


def translations(english: str) -> list[str]:
    """The dictionary's Chinese words for an English word or phrase, as search asks it."""
    return load_dictionary().lookup_key(tuple(w.key for w in english_words(english)))


def _rows():
    with open(GLOSSARY_FILE, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_glossary_file_is_complete_and_sourced():
    rows = _rows()
    assert len(rows) >= 400
    for row in rows:
        assert all((row[c] or "").strip() for c in COLUMNS), row
        assert row["source"] in SOURCES, row
        assert None not in row, f"extra column in {row}"
    assert len({(r["en"], r["zh"]) for r in rows}) == len(rows), "duplicate rows"


def test_glossary_loads_without_conflicts():
    # from_tsv refuses an English variant that names two rows; loading is the check.
    glossary = Glossary.from_tsv()
    assert len(glossary) == len(_rows())
    keys: dict[tuple[str, ...], Term] = {}
    for term in glossary.terms:
        for variant in term.en:
            key = tuple(w.key for w in english_words(variant))
            assert keys.setdefault(key, term) is term, variant


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("global stocktake", "全球盘点"),
        ("Nationally Determined Contributions", "国家自主贡献"),
        ("NDCs", "国家自主贡献"),
        ("non-market approaches", "非市场方法"),
        ("SBSTA", "附属科学技术咨询机构"),
        ("Subsidiary Body for Implementation", "附属履行机构"),
        ("capacity building", "能力建设"),
        ("Paris Committee on Capacity-building", "巴黎能力建设委员会"),
        ("enhanced transparency framework", "强化透明度框架"),
        ("biennial transparency reports", "两年期透明度报告"),
        ("loss and damage", "损失和损害"),
        ("Article 6.4 mechanism", "第六条第四款机制"),
        ("lessons learnt", "经验教训"),
        ("work program", "工作方案"),
        ("G77 and China", "77国集团和中国"),
        ("AR7", "第七次评估报告"),
        ("greenwashing", "漂绿"),
        ("Belém", "贝伦"),
    ],
)
def test_lookup_official_terms(english, chinese):
    assert _term(load_glossary(), english).zh[0] == chinese


def test_short_acronyms_keep_their_case():
    glossary = load_glossary()
    assert _term(glossary, "ACE").zh[0] == "气候赋权行动"
    assert lookup(glossary, "ace") is None
    assert _term(glossary, "GAP").zh[0] == "性别行动计划"
    assert _term(glossary, "gaps").zh[0] == "差距"


def test_longest_english_match_first():
    glossary = load_glossary()
    words = english_words("the NDC synthesis report on the first global stocktake")
    found = [(words[a].text, term.zh[0]) for a, _b, term in glossary.match_english(words)]
    assert ("NDC", "国家自主贡献综合报告") in found
    assert ("first", "首次全球盘点") in found


@pytest.mark.parametrize(("english", "chinese"), [
    ("global stock-take", "全球盘点"), ("global stock take", "全球盘点"), ("global stocktake", "全球盘点"),
    ("green house gas", "温室气体"), ("enhanced transparency frame work", "强化透明度框架"),
    ("capacity building", "能力建设"),  # written apart in the glossary too: not joined
])
def test_a_compound_written_apart_is_the_glossary_word(english, chinese):
    assert _term(load_glossary(), english).zh[0] == chinese


def test_words_are_joined_only_into_a_glossary_word():
    glossary = load_glossary()
    assert lookup(glossary, "on going") is None  # "ongoing" is no glossary word
    glossary = Glossary([Term(["stocktake"], ["盘点"], "process", "unfccc")])
    words = english_words("stock taking and the stock take")
    assert [(words[a].text, words[b - 1].text) for a, b, _t in glossary.match_english(words)] == [("stock", "take")]


def test_the_ize_spelling_of_a_british_ise_word():
    assert ize_spelling("mobilised") == "mobilized"
    assert ize_spelling("Organisations") == "Organizations"
    assert ize_spelling("operationalisation") == "operationalization"
    assert [ize_spelling(w) for w in ("revise", "rise", "exercised", "mobilized", "finance")] == [None] * 5


def test_chinese_match_ignores_brackets_and_reports_spans():
    text = "《巴黎协定》之下的强化透明度框架"
    matches = load_glossary().match_chinese(text)
    assert [(m.text, text[m.start : m.end]) for m in matches] == [
        ("巴黎协定", "巴黎协定"),
        ("强化透明度框架", "强化透明度框架"),
    ]
    # A character that normalises to several ("㎞" -> "km") does not shift the spans after it.
    text = "8000㎞的强化透明度框架"
    assert [text[m.start : m.end] for m in load_glossary().match_chinese(text)] == ["强化透明度框架"]


def test_merge_document_acronyms():
    glossary = Glossary.from_tsv()
    added = glossary.merge([("IPCC", "气专委"), ("ETF", "《巴黎协定》之下的透明度框架"), ("KCI", "卡托维兹委员会"),
                            ("XYZ", "某某机制")], source="FCCC/SBI/2026/7")
    assert added == 2  # the ETF's long name and the new XYZ; the others are known already
    assert "巴黎协定之下的透明度框架" in _term(glossary, "ETF").zh
    assert _term(glossary, "XYZ").zh == ["某某机制"]
    assert _term(glossary, "XYZ").source == "FCCC/SBI/2026/7"
    assert [m.term.en for m in glossary.match_chinese("某某机制")] == [["XYZ"]]
    assert "巴黎协定之下的透明度框架" not in _term(load_glossary(), "ETF").zh  # the shared copy is untouched


def test_merge_the_english_names_of_document_acronyms():
    glossary = Glossary.from_tsv()
    added = glossary.merge_english([("AC", "Adaptation Committee"), ("TEG", "technical expert group"),
                                    ("GCF", "Global Coastal Forum"), ("QXT", " ")], source="decision.txt")
    assert added == 2  # a known abbreviation keeps its meaning; a name is needed
    assert "AC" in _term(glossary, "Adaptation Committee").en and _term(glossary, "AC").zh[0] == "适应委员会"
    assert (_term(glossary, "TEG").en, _term(glossary, "TEG").zh) == (["TEG", "technical expert group"], [])
    assert _term(glossary, "GCF").name == "Green Climate Fund"
    words = english_words("the TEG and the Adaptation Committee")
    assert [t.en[0] for _, _, t in glossary.match_english(words)] == ["TEG", "Adaptation Committee"]
    assert [t.en[0] for _, _, t in glossary.match_english(words, chinese=True)] == ["Adaptation Committee"]


def test_the_tail_of_a_possessive_is_no_word():
    assert [w.text for w in english_words("the secretariat's budget, Parties’ views, 'the GST'")] == [
        "the", "secretariat", "budget", "Parties", "views", "the", "GST"]


def test_conflicting_row_is_refused(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("en\tzh\tdomain\tsource\nsecretariat\t秘书处\tbody\tunfccc\nSecretariats\t书记处\tbody\tunterm\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:3: English 'Secretariats' is already the term 'secretariat'"):
        Glossary.from_tsv(path)


def test_row_without_source_is_refused(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("en\tzh\tdomain\tsource\nsecretariat\t秘书处\tbody\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:2: every row needs 4 non-empty columns"):
        Glossary.from_tsv(path)


def test_a_class_names_its_members():
    glossary = load_glossary()
    assert {"AOSIS", "AGN", "LDC Group"} <= {v for member in glossary.members("negotiating group") for v in member.en}
    assert glossary.members("AOSIS") == glossary.members("no such term") == []


def test_a_member_row_naming_no_term_is_refused(tmp_path):
    path = tmp_path / "members.tsv"
    path.write_text("class\tmember\nnegotiating groups\tAOSIS\nnegotiating groups\tGroup of Eleven\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"members\.tsv:3: both columns must name a glossary term"):
        Glossary.from_tsv(members_path=path)


def test_add_refuses_duplicate_english():
    glossary = Glossary([Term(["secretariat"], ["秘书处"], "body", "unfccc")])
    with pytest.raises(ValueError, match="already the term"):
        glossary.add(Term(["secretariats"], ["书记处"], "body", "unterm"))


def test_dictionary_reverse_index():
    assert len(load_dictionary()) > 50_000
    assert translations("forests")[0] == "森林"
    assert translations("climate change") == ["气候变化"]
    assert "干旱" in translations("drought")
    assert all(len(translations(w)) <= 3 for w in ("water", "power", "country", "report"))
    assert translations("zzzqx") == []


def test_dictionary_knows_a_word_by_its_lemma_and_its_american_spelling():
    def other_forms(word: str) -> list[str]:
        [key] = [w.key for w in english_words(word)]
        return load_dictionary().lookup_other_forms(key)

    assert translations("requested") == [] and other_forms("requested")[0] == translations("request")[0] == "要求"
    assert other_forms("held") == ["举行"]  # "hold": 把 and 拿 are characters, many words' own
    assert "投资" in other_forms("invested")
    assert other_forms("mobilised") == other_forms("mobilized") == translations("mobilize")  # 发动, 动员, 调动
    assert "方案" in other_forms("programmes") and "劳力" in other_forms("labour")
    assert other_forms("agreed") == ["同意", "相应"]  # not 应, also "should"


def test_dictionary_knows_people_by_their_names():
    # CC-CEDICT: "António Guterres (1949-), secretary-general of the United Nations (2017-), …"
    assert translations("António Guterres") == translations("Antonio Guterres") == ["古特雷斯"]
    assert translations("Guterres") == ["古特雷斯"]  # the last name alone, which no English word is
    assert translations("Andersen") == ["安徒生"]  # "Hans Christian Andersen (1805-1875)": one person's last name
    assert translations("Wang") == []  # the last word of many people's names names none of them
    assert translations("Rice")[0] == "米"  # Condoleezza Rice's last name is an English word: it keeps its sense
    assert load_dictionary().english("古特雷斯") == ["antonio guterre"]
    assert load_dictionary().english("高达")[0] == "attain"  # a word's sense before a namesake's (Godard)


def test_dictionary_knows_places_by_their_names():
    assert translations("Baku") == ["巴库"]  # "Baku, capital of Azerbaijan"
    assert translations("Sharm el-Sheikh") == ["沙姆沙伊赫"]  # "Sharm el-Sheikh, city in Egypt"
    assert translations("Copenhagen") == ["哥本哈根"]  # "Copenhagen or København, capital of Denmark"
    assert load_dictionary().english("巴库") == ["baku"]
    assert load_dictionary().english("淡水")[0] == "potable water"  # not the town Tamsui, "Tamsui, …"
    assert load_dictionary().words("南高加索的气候") == ["南高加索", "的", "气候"]  # jieba: 南, 高加索


def test_dictionary_glosses_a_chinese_word_in_english():
    assert load_dictionary().english("目的") == ["purpose", "aim", "goal"]
    assert load_dictionary().english("预算") == ["budget"]
    assert load_dictionary().english("气候")[0] == "climate"
    assert load_dictionary().english("zzzqx") == []


def test_a_word_the_dictionary_lacks_is_read_by_the_words_it_is_made_of():
    dictionary = load_dictionary()
    assert dictionary.english("透明性") == []  # jieba's word: CC-CEDICT's 透明 with a suffix
    assert dictionary.pieces("透明性") == ["透明"]
    assert dictionary.pieces("技术支持") == ["技术", "支持"]
    assert dictionary.pieces("目的") == ["目的"]  # a word it has is read whole
    assert dictionary.pieces("首份") == []  # a word of single characters has none
