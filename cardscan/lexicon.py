"""Word lists and patterns that tell what a line on a business card is.

Everything here is data plus small pure predicates. The lists aim at content
that generalises across card designs (legal forms, job titles, department
suffixes, phone labels), not at any one template. Patterns run on text that
already went through :func:`cardscan.normalize.nfkc` (ASCII digits and
letters, ``-`` between digits).
"""

from __future__ import annotations

import re
from typing import Final

# ---------------------------------------------------------------- legal forms

#: Japanese legal forms, longest first so that a prefix never hides a longer form.
LEGAL_FORMS_JA: Final[tuple[str, ...]] = (
    "特定非営利活動法人",
    "国立研究開発法人",
    "地方独立行政法人",
    "独立行政法人",
    "一般社団法人",
    "一般財団法人",
    "公益社団法人",
    "公益財団法人",
    "社会福祉法人",
    "国立大学法人",
    "有限責任事業組合",
    "税理士法人",
    "弁護士法人",
    "監査法人",
    "司法書士法人",
    "行政書士法人",
    "社会医療法人",
    "医療法人社団",
    "医療法人財団",
    "医療法人",
    "学校法人",
    "宗教法人",
    "NPO法人",
    "株式会社",
    "有限会社",
    "合同会社",
    "合資会社",
    "合名会社",
    "相互会社",
    "(特非)",
    "(一社)",
    "(一財)",
    "(公社)",
    "(公財)",
    "(NPO)",
    "(株)",
    "(有)",
    "(同)",
    "(合)",
    "(資)",
    "(名)",
    "(社)",
    "(財)",
    "(医)",
    "(学)",
    "(福)",
    "(独)",
    "㈱",
    "㈲",
)
#: The legal forms written out in kanji (株式会社, 一般社団法人): the ones a space may follow as printed.
WRITTEN_LEGAL_FORMS_JA: Final[tuple[str, ...]] = tuple(
    form for form in LEGAL_FORMS_JA if len(form) >= 4 and not any(c.isascii() for c in form)
)

# Latin legal forms as whole words. "Co." alone is weak (also "& Co."), so it
# is part of the pattern but scored lower by the parser.
_LATIN_FORMS = (
    r"Co\.?,?\s*Ltd\.?",
    r"Pty\.?\s*Ltd\.?",
    r"Inc\.?",
    r"Incorporated",
    r"L\.?L\.?C\.?",
    r"L\.?L\.?P\.?",
    r"Ltd\.?",
    r"Limited",
    r"Corp\.?",
    r"Corporation",
    r"GmbH(?:\s*&\s*Co\.?\s*KG)?",
    r"AG",
    r"KG",
    r"S\.?A\.?S\.?",
    r"S\.A\.",
    r"S\.?A\.?R\.?L\.?",
    r"S\.?p\.?A\.?",
    r"S\.?r\.?l\.?",
    r"S\.?L\.?",
    r"B\.?V\.?",
    r"N\.?V\.?",
    r"PLC",
    r"P\.?L\.?C\.?",
    r"K\.K\.",
    r"KK",
    r"Oy",
    r"AB",
    r"ASA",
    r"A/S",
    r"Pte\.?\s*Ltd\.?",
    r"Sdn\.?\s*Bhd\.?",
    r"UG(?:\s*\(haftungsbeschränkt\))?",
    r"KGaA",
    r"OHG",
    r"e\.\s?K\.",
    r"SE",
    r"AS",
    r"Co\.",
)
LEGAL_FORM_LATIN_RE: Final = re.compile(
    # (Not after a digit: "EH1 9AB" is an Edinburgh postcode, not a Swedish AB.)
    r"(?<![A-Za-z0-9])(?<!U\.)(?:" + "|".join(_LATIN_FORMS) + r")(?![A-Za-z])",
)

#: Legal forms that tell the company's country (only the unambiguous ones).
LEGAL_FORM_COUNTRY: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (re.compile(r"\bPty\.?\s*Ltd\b"), "AU"),
    (re.compile(r"\bPte\.?\s*Ltd\b"), "SG"),
    (re.compile(r"\bSdn\.?\s*Bhd\b"), "MY"),
    (re.compile(r"\b(?:GmbH|UG|OHG|KGaA)\b|\bGmbH\s*&\s*Co\.?\s*KG\b|\be\.\s?K\.(?!\w)"), "DE"),
    (re.compile(r"\bS\.L\.(?!\w)|\bS\.L\.U\."), "ES"),
    (re.compile(r"\bOyj?\b"), "FI"),
    (re.compile(r"\bA/S\b"), "DK"),
    (re.compile(r"\bK\.K\.|\bKabushiki Kaisha\b"), "JP"),
    (re.compile(r"\bS\.?A\.?R\.?L\.?\b|\bS\.A\.S\.?|\bSAS\b"), "FR"),
    (re.compile(r"\bS\.?p\.?A\.?\b|\bS\.r\.l\.?"), "IT"),
    (re.compile(r"\bB\.V\.?|\bBV\b"), "NL"),
    (re.compile(r"\bPLC\b"), "GB"),
)

#: Words in labels and addresses that tell a card's country when nothing else does.
LANGUAGE_CUES: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (
        re.compile(
            r"\bTél\b|\b(?:rue|boulevard|avenue|quai|allée|chemin)\s+(?:de|du|des|d'|la)\b", re.IGNORECASE
        ),
        "FR",
    ),
    # ß of straße is often read as ss, B, 8, R, f or fs.
    (re.compile(r"\b(?:Telefon|Fon|Handy|Mobil)\b|stra(?:ß|ss|B|8|R|f|fs)e\b|\b\w+str\.\s*\d"), "DE"),
    # A postcode before a big city: "20207 Hamburg", "75008 Paris".
    (re.compile(r"\b[0-9]{5}\s+(?:Berlin|Hamburg|M[üu]nchen|Munich|K[öo]ln|Frankfurt|Stuttgart|D[üu]sseldorf"
                r"|Dortmund|Essen|Leipzig|Bremen|Dresden|Hannover|N[üu]rnberg)\b"), "DE"),
    (re.compile(r"\b[0-9]{5}\s+(?:Paris|Lyon|Marseille|Toulouse|Nice|Nantes|Strasbourg|Montpellier"
                r"|Bordeaux|Lille|Rennes)\b"), "FR"),
    # A French number as France prints it: its ten digits in pairs ("07 83 79 54 12", "01.47.35.27.80";
    # "M107 83 …", the label's colon read as a 1).
    (re.compile(r"(?:(?<![0-9+])|(?<=[A-Z]1))0[1-9](?:([ .])[0-9]{2})(?:\1[0-9]{2}){3}(?![0-9])"), "FR"),
    (re.compile(r"\b(?:Tel[eé]fono|Calle|Avenida)\b"), "ES"),
    (re.compile(r"\b(?:Telefono|Cellulare|Via|Piazza)\s"), "IT"),
)

#: Words that make a line look like an organisation even without a legal form.
ORG_WORDS_JA: Final[tuple[str, ...]] = (
    "商事", "商会", "商店", "工業", "産業", "製作所", "製薬", "電機", "電気", "電子", "建設",
    "工務店", "不動産", "銀行", "信用金庫", "証券", "保険", "生命", "損保", "技研", "研究所",
    "大学", "高等学校", "学園", "病院", "クリニック", "医院", "事務所", "法律事務所",
    "特許事務所", "会計事務所", "協会", "組合", "財団", "機構", "ホールディングス",
    "システムズ", "ソリューションズ", "テクノロジーズ", "グループ会社", "物産", "運輸",
    "物流", "通信", "印刷", "出版", "新聞", "放送", "食品", "化学", "重工", "自動車",
    "ホテル", "旅館", "市役所", "区役所", "町役場", "県庁", "省", "庁",
)
#: Words that end Japanese firms' names (their trade, 電機, 薬品, デザイン), for putting right a
#: glyph OCR slipped in them when the print says so. Broader than ORG_WORDS_JA, which makes a
#: line an organisation: 開発 or 企画 also start departments.
FIRM_WORDS_JA: Final[tuple[str, ...]] = tuple(dict.fromkeys((
    *(w for w in ORG_WORDS_JA if len(w) >= 2),
    "興業", "興産", "薬品", "製菓", "製紙", "製鋼", "製作", "製造", "電工", "電設", "電装", "建工",
    "建築", "工務", "住宅", "精機", "精工", "精密", "機械", "機工", "工機", "鉄工", "鋼業", "金属",
    "化成", "化工", "樹脂", "繊維", "紙業", "木材", "石油", "油化", "酒造", "醸造", "水産", "農産",
    "貿易", "交易", "運送", "倉庫", "海運", "航空", "観光", "旅行", "交通", "広告", "企画", "設計",
    "開発", "情報", "総研", "計装", "設備", "環境", "医療", "薬局", "光学", "硝子", "塗装", "塗料",
    "工房", "商社", "技建", "綜合", "総合", "電算", "製作所", "推進機構", "事業団", "振興会", "協議会",
    "連合会", "工業会", "協同組合",
    "デザイン", "システム", "システムズ", "ソフト", "ソフトウェア", "ソリューション", "ソリューションズ",
    "テクノロジー", "テクノロジーズ", "テック", "エンジニアリング", "ネットワーク", "ネットワークス",
    "コンサルティング", "ホールディングス", "サービス", "マーケティング", "パートナーズ", "プランニング",
    "メディカル", "ファーマ", "エナジー", "ロジスティクス", "トレーディング", "インターナショナル",
    "コーポレーション", "エンタープライズ", "クリエイティブ", "コミュニケーションズ", "ラボ", "グループ",
)))
#: Latin words of organisations' names (also used to put right a glyph OCR slipped in them).
ORG_WORDS_LATIN: Final[tuple[str, ...]] = (
    "Company", "Holding", "Holdings", "Group", "Technologies", "Technology", "Systems", "Solutions",
    "Labs", "Laboratories", "University", "College", "Institute", "Bank", "Partners", "Associates",
    "Consulting", "Industries", "International", "Enterprises", "Ventures", "Capital", "Software",
    "Networks", "Media", "Studio", "Studios", "Agency", "Foundation", "Hospital", "Clinic", "Trading",
    "Logistics", "Pharma", "Pharmaceuticals", "Electronics", "Motors", "Insurance", "Corporation",
    "Organization", "Organisation", "Association", "Council", "Society", "Federation", "Authority",
    "Committee", "Biotech", "Robotics", "Dynamics", "Chemical", "Chemicals",
)
ORG_WORDS_LATIN_RE: Final = re.compile(r"\b(?:" + "|".join(ORG_WORDS_LATIN) + r")\b", re.IGNORECASE)

# -------------------------------------------------------------------- titles

#: Japanese titles. Checked as substrings, so longer ones come first.
TITLES_JA: Final[tuple[str, ...]] = (
    "代表取締役社長兼CEO", "代表取締役会長", "代表取締役社長", "代表取締役副社長",
    "代表取締役", "取締役副社長", "専務取締役", "常務取締役", "取締役会長", "社外取締役",
    "取締役", "代表執行役", "執行役員", "執行役", "監査役", "代表理事", "理事長", "副理事長",
    "理事", "会長", "副社長", "社長", "専務", "常務", "相談役", "顧問", "参与", "参事",
    "本部長", "副本部長", "事業部長", "統括部長", "部長代理", "副部長", "部長", "次長",
    "課長代理", "課長補佐", "課長", "係長", "主任研究員", "上席研究員", "研究員", "主任",
    "主査", "主幹", "室長", "所長", "副所長", "センター長", "支店長", "支社長", "店長",
    "工場長", "局長", "院長", "園長", "校長", "学長", "教授", "准教授", "助教", "講師",
    "マネージャー", "マネジャー", "シニアマネージャー", "ゼネラルマネージャー",
    "グループリーダー", "チームリーダー", "プロジェクトリーダー", "リーダー",
    "チーフ", "ディレクター", "プロデューサー", "エンジニア", "コンサルタント", "デザイナー",
    "アナリスト", "スペシャリスト", "アーキテクト", "プランナー", "アドバイザー",
    "セールス", "担当", "代表", "弁護士", "弁理士", "税理士", "公認会計士",
    "社会保険労務士", "司法書士", "行政書士", "医師", "看護師", "薬剤師", "技師", "社員",
    "CEO", "CTO", "CFO", "COO", "CIO", "CMO",
)

_TITLE_WORDS_EN = (
    r"CEO", r"CTO", r"CFO", r"COO", r"CIO", r"CMO", r"CISO", r"CPO", r"CRO", r"VP", r"SVP", r"EVP",
    r"President", r"Vice[- ]President", r"Chairman", r"Chairwoman", r"Chair", r"Director",
    r"Manager", r"Engineer", r"Researcher", r"Scientist", r"Consultant", r"Analyst",
    r"Designer", r"Developer", r"Architect", r"Officer", r"Head", r"Lead", r"Chief",
    r"Founder", r"Co-?Founder", r"Partner", r"Associate", r"Specialist", r"Representative",
    r"Executive", r"Coordinator", r"Administrator", r"Assistant", r"Secretary", r"Professor",
    r"Lecturer", r"Attorney", r"Lawyer", r"Counsel", r"Accountant", r"Owner", r"Principal",
    r"Advisor", r"Adviser", r"Agent", r"Broker", r"Producer", r"Editor", r"Intern",
    r"Supervisor", r"Technician", r"Strategist", r"Fellow", r"Evangelist", r"Advocate",
    r"Programmer", r"Planner", r"Buyer", r"Controller", r"Treasurer", r"Superintendent",
    r"Physician", r"Doctor", r"Nurse", r"Pharmacist", r"Teacher", r"Instructor",
    r"Senior", r"Junior", r"Staff", r"General Manager", r"Managing Director",
    r"Account Executive", r"Sales", r"Marketing Manager",
    # German, French, Spanish, Italian job titles seen on European cards.
    r"Geschäftsführer(?:in)?", r"Leiter(?:in)?", r"Abteilungsleiter(?:in)?", r"Inhaber(?:in)?",
    r"Prokurist(?:in)?", r"Berater(?:in)?", r"Ingenieur(?:in)?", r"Vorstand", r"Referent(?:in)?",
    r"Sachbearbeiter(?:in)?", r"Directeur", r"Directrice", r"Responsable", r"Gérant", r"Ingénieur",
    r"Gerente", r"Director[a]?", r"Direttore", r"Responsabile", r"Chef", r"Cheffe",
    # German compounds: "Vertriebsleiter", "Teamleiterin", "Projektmanager".
    r"\w+(?:leiter|leiterin|führer|führerin|manager|managerin|berater|beraterin|referent|referentin)",
    r"Head of \w+", r"\w+ Lead",
)
# Longest first, so "Head of Sales" is one title rather than the weak word "Head".
TITLE_EN_RE: Final = re.compile(
    r"\b(?:" + "|".join(sorted(_TITLE_WORDS_EN, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
# Words whose presence alone does not make a title: they also start departments.
WEAK_TITLE_EN: Final[frozenset[str]] = frozenset({"senior", "junior", "staff", "sales", "head", "lead"})

# --------------------------------------------------------------- departments

#: Suffixes of Japanese department names, longest first.
DEPT_SUFFIXES_JA: Final[tuple[str, ...]] = (
    "事業本部", "統括本部", "事業部", "統括部", "本部", "部門", "部", "課", "室", "係", "局",
    "グループ", "センター", "チーム", "ユニット", "セクション", "支店", "支社", "営業所",
    "事務所", "研究所", "研究室", "出張所", "工場", "オフィス", "ラボ", "Div.", "Dept.",
)
DEPT_EN_RE: Final = re.compile(
    r"\b(?:Department|Dept\.?|Division|Div\.|Team|Group|Unit|Section|Office of|Bureau|Abteilung|"
    r"Laboratory|Lab|Practice|Business Unit|Headquarters|HQ|"
    r"(?:R&D|Research|Technology|Development|Innovation|Data|Customer|Service|Support|Design) Cent(?:er|re))"
    r"\b(?!\s*[0-9#])",
    re.IGNORECASE,
)
#: Business functions printed alone as a department ("Legal", "Customer Success").
DEPT_FUNCTIONS_EN: Final = re.compile(
    r"^(?:(?:Global|Corporate|International|Regional|Enterprise|Digital|Strategic)\s+)?(?:"
    r"Sales|Marketing|Finance|Legal|HR|Human Resources|People|Engineering|Operations|IT|"
    r"Information Technology|R&D|Research(?: (?:&|and) Development)?|Product(?: Management)?|Design|"
    r"Procurement|Purchasing|Accounting|Business Development|Communications|Corporate Communications|"
    r"PR|Public Relations|Support|Customer Support|Customer Success|Customer Service|Supply Chain|"
    r"Logistics|Compliance|Strategy|Quality Assurance|QA|Manufacturing|Administration|Planning|"
    r"Corporate Planning|Partnerships|Investor Relations|Risk Management|Security|Data Science|"
    r"Analytics|Consulting|Advisory|Audit|Tax|Treasury|Facilities|Training|Recruiting|Talent Acquisition|"
    r"Services|Development|Research|Infrastructure|Platform|Growth|Innovation"
    r")(?:\s*(?:&|and|/)\s*[A-Z][A-Za-z]+)?$"
    r"|^[A-Z][A-Za-z]+\s+(?:Engineering|Services|Operations|Development|Research|Marketing|Sales|Design|"
    r"Support|Solutions|Strategy|Analytics|Infrastructure|Management|Communications|Relations|Success)$",
)

#: Words of job titles and business functions that are nobody's given or family
#: name: a line holding one ("Data Scientist" read "Data Soentst", "CTO, Platform
#: Engineering" read "TO, Platform Engineering") is not a person's name. Words
#: that are also surnames (Nurse, Doctor, Sales, Senior, Head, Chief) are left out.
NOT_NAME_WORDS_EN: Final[frozenset[str]] = frozenset({
    "ceo", "cto", "cfo", "coo", "cio", "cmo", "vp", "svp", "evp", "president", "chairman", "director",
    "manager", "engineer", "engineering", "researcher", "scientist", "consultant", "analyst", "designer",
    "developer", "architect", "officer", "founder", "co-founder", "specialist", "representative",
    "executive", "coordinator", "administrator", "assistant", "secretary", "professor", "lecturer",
    "attorney", "lawyer", "accountant", "advisor", "adviser", "supervisor", "technician", "strategist",
    "programmer", "controller", "treasurer", "pharmacist", "department", "dept", "division", "data",
    "marketing", "finance", "legal", "operations", "technology", "research", "development", "support",
    "analytics", "consulting", "services", "solutions", "management", "platform", "product",
    "procurement", "purchasing", "accounting", "communications", "logistics", "compliance", "strategy",
    "infrastructure", "security", "software", "business", "customer", "corporate", "global", "regional",
    "international", "enterprise", "digital", "relations", "resources", "human", "office", "team",
})

# --------------------------------------------------------------- names

HONORIFICS_RE: Final = re.compile(
    # ("Mirs.": Mrs. with a speck read in it; "Prof, Jun Jie Ng": its full stop read as a comma.)
    r"^(?:(?:Dr|Mr|Mi?rs|Ms|Miss|Mx|Prof|Sir|Dame|Rev|Herr|Frau|Mme|Mlle)[.,]?|M\.?)\s+",
    re.IGNORECASE,
)
POST_NOMINALS_RE: Final = re.compile(
    r"(?:,?\s+|,)(?:Ph\.?\s?D\.?|M\.?B\.?A\.?|C\.?P\.?A\.?|M\.?D\.?|Esq\.?|M\.?Sc\.?|B\.?Sc\.?|"
    r"M\.?A\.?|B\.?A\.?|CFA|P\.?\s?Eng\.?|P\.?E\.?|PMP|CISSP|J\.?D\.?|LL\.?M\.?|RN|DDS|FRCS|MEng|BEng|"
    r"Dipl\.?-Ing\.?|Dr\.?\s?rer\.?\s?nat\.?|FCA|ACA|FCCA|ACCA|CIPD|FRICS|MRICS|CEng|CIMA|"
    r"ACMA|FCMA|CMA|CIA|CISA|CPA\s?\(\w+\))\.?(?=$|[,\s])",
    re.IGNORECASE,
)
#: Japanese honorific words that sometimes follow a name on a card (rare but seen).
NAME_SUFFIXES_JA: Final[tuple[str, ...]] = ("様", "殿", "氏")

# --------------------------------------------------------------- labels

# Labels that tell a phone number's type. Order matters within a kind only for
# readability; the finder takes the longest match at each position.
PHONE_LABELS: Final[dict[str, tuple[str, ...]]] = {
    # "FF": a fax label as OCR reads it in the turned Latin rows of some 縦書き cards; "ァクス",
    # "ファウス", "ファクズ", "「ax": ファクス and Fax with a glyph lost or misread. "FL:", "FL.": "F.:"
    # and "F." with the dot read as an L (seed 181 #15, #35).
    "fax": (
        "FAX", "Fax", "fax", "F", "FF", "ファックス", "ファクス", "ファクシミリ", "Facsimile", "facsimile",
        "ァクス", "ファウス", "ファクズ", "ファツクス", "ax", "FL:", "FL.",
    ),
    # "帯電話": 携帯電話 with its first glyph misread ("陰帯電話"), no other word ends so.
    "mobile": (
        "携帯電話", "携帯", "帯電話", "ケータイ", "Mobile", "MOBILE", "mobile", "Mob", "MOB", "mob", "M",
        "Cell", "CELL", "cell", "Cellular", "Handy", "Mobil", "モバイル", "HP", "C",
        # Cell misread ("Cet +81 906753 5842", "Ceth(416)", "Celt:+1 917", "Cel 090-").
        "Cel", "Cet", "Ceth", "Celt",
    ),
    "work": (
        "TEL", "Tel", "tel", "T", "Phone", "PHONE", "phone", "Ph", "PH", "P", "電話番号", "電話",
        "代表", "直通", "直通電話", "Direct", "DIRECT", "Direct Line", "Office", "OFFICE",
        "Office Tel", "Work", "Main", "DID", "Telefon", "Tél", "Téléphone", "Voice",
    ),
    "other": ("Home", "Private", "自宅", "Toll Free", "Toll-free", "フリーダイヤル", "Free Dial"),
}

_LABEL_ALTS = sorted(
    ((word, kind) for kind, words in PHONE_LABELS.items() for word in words),
    key=lambda item: -len(item[0]),
)
_LABEL_KIND = {word.lower(): kind for word, kind in _LABEL_ALTS}
# A label is a word on its own, optionally followed by "." ":" or ")": so the
# "T" of "Tokyo" or the "M" of "MBA" are not labels.
PHONE_LABEL_RE: Final = re.compile(
    r"(?<![A-Za-z])(" + "|".join(re.escape(word) for word, _ in _LABEL_ALTS) + r")"
    # ("F-05 75 98 95 92": a hyphen before the number; "FAX、:+81": an ideographic comma.)
    r"(?:_?\s*[.,:：)）/|・、]|_(?=\s*[+(0-9])|\s|-(?=[+(0-9])|(?=[+(0-9]))",
    re.IGNORECASE,
)


def phone_label_kind(label: str) -> str | None:
    """The phone type a label stands for (``"work"``, ``"fax"``, ...), or None."""
    return _LABEL_KIND.get(label.strip().lower())


EMAIL_LABEL_RE: Final = re.compile(
    r"^(?:(?:E-?mail|Mail|Email\s*address|(?:E\s*[-ー－]?\s*)?メール(?:アドレス)?|電子メール|e-mail)"
    r"(?:\s*[.:：]\s*|\s+)"
    r"|E\s*[:：]\s*)",
    re.IGNORECASE,
)
URL_LABEL_RE: Final = re.compile(
    r"^(?:(?:URL|Web(?:site)?|HP|Homepage|ホームページ|Site)(?:\s*[.:：]\s*|\s+)|W\s*[:：]\s*)",
    re.IGNORECASE,
)
ADDRESS_LABEL_RE: Final = re.compile(
    r"^(?:住所|所在地|本社|本店|Address|Addr\.?|Office)\s*[.:：]\s*|^(?:住所|所在地)\s*", re.IGNORECASE
)

# --------------------------------------------------------------- addresses

PREFECTURES: Final[tuple[str, ...]] = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県",
    "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県",
    "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府",
    "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
    "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県",
    "鹿児島県", "沖縄県",
)
PREFECTURE_RE: Final = re.compile("|".join(PREFECTURES))
# City/ward/town + a number or block word: the shape of a Japanese address.
JA_ADDRESS_RE: Final = re.compile(
    r"(?:[都道府県]|[^\s]{1,6}[市区町村郡])[^\s]{0,20}?\s?(?:[0-9]|丁目|番地|番|号|[一二三四五六七八九十]+丁目)"
)
JA_BUILDING_RE: Final = re.compile(
    r"(?:ビル|タワー|ビルディング|プラザ|センター|館|棟|[0-9]+\s*[FＦ階]|号室)"
)
#: A line that continues a Japanese address set over several lines (columns on a
#: vertical card): the town and its block number ("堤根 29-9", "東塚9丁目3番19号",
#: "中古瀬一丁目 18-22"), a building named without a floor ("サンシャインビル")
#: or a floor or room alone ("16F", "1601号室").
JA_ADDRESS_CONT_RE: Final = re.compile(
    r"^[\u3005\u3040-\u30ff\u3400-\u9fff]{1,10}\s?"
    r"(?:[0-9]{1,4}\s?(?:丁目|番地?|号|-\s?[0-9])|[一二三四五六七八九十]{1,3}丁目|[0-9]{1,4}(?:\s?[0-9]{1,4}){0,2}$)"
    r"|^[\u3005\u3040-\u30ff\u3400-\u9fffA-Z0-9 ]{1,16}(?:ビル|ビルディング|タワー|プラザ|ヒルズ|スクエア)$"
    r"|^[0-9]{1,3}\s?(?:F|階|号室)$"
)

US_STATES: Final[frozenset[str]] = frozenset(
    [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
        "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
        "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
        "WI", "WY", "DC", "PR",
    ]
)
AU_STATES: Final[frozenset[str]] = frozenset(["NSW", "VIC", "QLD", "WA", "SA", "TAS", "ACT", "NT"])
CA_PROVINCES: Final[frozenset[str]] = frozenset(
    ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]
)

STREET_WORDS_RE: Final = re.compile(
    r"\b(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?|"
    r"Way|Place|Pl\.?|Square|Sq\.?|Court|Ct\.?|Terrace|Parkway|Pkwy|Highway|Hwy|Suite|Ste\.?|"
    r"Floor|Fl\.?|Building|Bldg\.?|Tower|House|Plaza|P\.?O\.? Box|Straße|Strasse|Str\.|Weg|"
    r"Platz|Allee|Gasse|Rue|Avenida|Calle|Via|Chome|Chuo-ku|Minato-ku|Ku|Shi|NE|NW|SE|SW)\b"
    r"|\w(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|laan|gracht|straat|vej|gatan|gade)\s+\d",
    re.IGNORECASE,
)

# The inward code's digit is often read as "O" ("B1 ONW"): accepted here, repaired by the parser.
UK_POSTCODE_RE: Final = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9O][A-Z]{2})\b")
US_ZIP_RE: Final = re.compile(r"\b([A-Z]{2})\.?,?\s+([0-9]{5}(?:-[0-9]{4})?)\b")
CA_POSTCODE_RE: Final = re.compile(r"\b([ABCEGHJ-NPRSTVXY][0-9][A-Z])\s?([0-9][A-Z][0-9])\b")
#: A Japanese address in romaji: "Toyota-shi, Aichi", "Minato-ku, Tokyo 105-0011".
JP_ROMAN_ADDRESS_RE: Final = re.compile(
    r"\b[A-Z][a-z]+-(?:shi|ku|cho|machi|gun|mura)\b|\b(?:Tokyo|Osaka|Kyoto|Hokkaido|[A-Z][a-z]+(?:-ken|-fu))"
    r"\b,?\s*[0-9]{3}-[0-9]{4}\b"
)
SG_POSTCODE_RE: Final = re.compile(r"\bSingapore\s+([0-9]{6})\b", re.IGNORECASE)
AU_POSTCODE_RE: Final = re.compile(r"\b(NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\s+([0-9]{4})\b", re.IGNORECASE)
# Continental Europe: 4-5 digit code before the town ("10115 Berlin", "75008 Paris").
EU_POSTCODE_RE: Final = re.compile(
    r"(?:^|,\s*)(?:(?:D|DE|F|FR|A|AT|CH|NL|B|I|IT|E|ES)-)?([0-9]{4,5})\s+"
    r"([A-ZÄÖÜÉÈÀÂÎÔÛÇ][^\W\d_]+(?:[ -][A-ZÄÖÜÉÈÀÂÎÔÛÇ][^\W\d_]+)*)\s*(?=,|$)"
)

#: Country names (English and Japanese) that may end an address line.
COUNTRY_NAMES: Final[dict[str, str]] = {
    "japan": "JP", "日本": "JP", "singapore": "SG", "united states": "US", "usa": "US", "u.s.a.": "US",
    "united states of america": "US", "united kingdom": "GB", "uk": "GB", "u.k.": "GB",
    "england": "GB", "scotland": "GB", "wales": "GB", "great britain": "GB",
    "germany": "DE", "deutschland": "DE", "france": "FR", "australia": "AU", "canada": "CA",
    "china": "CN", "中国": "CN", "korea": "KR", "south korea": "KR", "韓国": "KR", "taiwan": "TW",
    "台湾": "TW", "hong kong": "HK", "india": "IN", "italy": "IT",
    "spain": "ES", "netherlands": "NL", "switzerland": "CH", "austria": "AT", "sweden": "SE",
    "norway": "NO", "denmark": "DK", "finland": "FI", "ireland": "IE", "new zealand": "NZ",
    "brazil": "BR", "mexico": "MX", "thailand": "TH", "vietnam": "VN", "indonesia": "ID",
    "malaysia": "MY", "philippines": "PH", "belgium": "BE", "poland": "PL", "israel": "IL",
}
COUNTRY_NAME_RE: Final = re.compile(
    r"(?<![A-Za-z])("
    + "|".join(re.escape(k) for k in sorted(COUNTRY_NAMES, key=len, reverse=True))
    + r")\.?$",
    re.IGNORECASE,
)

#: Taglines and boilerplate that are never a field.
TAGLINE_HINTS: Final = re.compile(
    # ("プライバシーマーク", the Privacy Mark's logo, however read: "プッタイバシンーマーク".)
    r"(?:^\s*[\"'「『“]|[!！]|Since\s+\d{4}|創業|設立|ISO\s*\d{4,5}|認証|取得|Powered by|バシ.{0,2}マーク|"
    r"for a better|未来|笑顔|信頼と|をつなぐ|を創る|をつくる|Your |your |We |we )"
)


def contains_any(text: str, words: tuple[str, ...]) -> str | None:
    """The first word of ``words`` found in ``text`` (order of ``words``), or None."""
    for word in words:
        if word in text:
            return word
    return None
