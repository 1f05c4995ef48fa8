"""People: Japanese names with readings and romaji, Western names, honorifics.

Entries are ``kanji:katakana reading:romaji``. Readings are what a furigana line
prints; romaji is the Hepburn spelling most people print (long vowels dropped).
"""

from __future__ import annotations


def _table(text: str) -> tuple[tuple[str, str, str], ...]:
    rows = []
    for item in text.split():
        kanji, kana, romaji = item.split(":")
        rows.append((kanji, kana, romaji))
    return tuple(rows)


JP_SURNAMES = _table("""
佐藤:サトウ:Sato 鈴木:スズキ:Suzuki 高橋:タカハシ:Takahashi 田中:タナカ:Tanaka 伊藤:イトウ:Ito
渡辺:ワタナベ:Watanabe 山本:ヤマモト:Yamamoto 中村:ナカムラ:Nakamura 小林:コバヤシ:Kobayashi
加藤:カトウ:Kato 吉田:ヨシダ:Yoshida 山田:ヤマダ:Yamada 佐々木:ササキ:Sasaki 山口:ヤマグチ:Yamaguchi
松本:マツモト:Matsumoto 井上:イノウエ:Inoue 木村:キムラ:Kimura 林:ハヤシ:Hayashi 斎藤:サイトウ:Saito
清水:シミズ:Shimizu 山崎:ヤマザキ:Yamazaki 森:モリ:Mori 池田:イケダ:Ikeda 橋本:ハシモト:Hashimoto
阿部:アベ:Abe 石川:イシカワ:Ishikawa 山下:ヤマシタ:Yamashita 中島:ナカジマ:Nakajima 石井:イシイ:Ishii
小川:オガワ:Ogawa 前田:マエダ:Maeda 岡田:オカダ:Okada 長谷川:ハセガワ:Hasegawa 藤田:フジタ:Fujita
後藤:ゴトウ:Goto 近藤:コンドウ:Kondo 村上:ムラカミ:Murakami 遠藤:エンドウ:Endo 青木:アオキ:Aoki
坂本:サカモト:Sakamoto 斉藤:サイトウ:Saito 福田:フクダ:Fukuda 太田:オオタ:Ota 西村:ニシムラ:Nishimura
藤井:フジイ:Fujii 金子:カネコ:Kaneko 岡本:オカモト:Okamoto 藤原:フジワラ:Fujiwara 中野:ナカノ:Nakano
三浦:ミウラ:Miura 原田:ハラダ:Harada 中川:ナカガワ:Nakagawa 松田:マツダ:Matsuda 竹内:タケウチ:Takeuchi
小野:オノ:Ono 田村:タムラ:Tamura 中山:ナカヤマ:Nakayama 和田:ワダ:Wada 石田:イシダ:Ishida
森田:モリタ:Morita 上田:ウエダ:Ueda 原:ハラ:Hara 内田:ウチダ:Uchida 柴田:シバタ:Shibata
酒井:サカイ:Sakai 宮崎:ミヤザキ:Miyazaki 横山:ヨコヤマ:Yokoyama 高木:タカギ:Takagi 安藤:アンドウ:Ando
宮本:ミヤモト:Miyamoto 大野:オオノ:Ono 小島:コジマ:Kojima 谷口:タニグチ:Taniguchi 今井:イマイ:Imai
工藤:クドウ:Kudo 高田:タカダ:Takada 増田:マスダ:Masuda 丸山:マルヤマ:Maruyama 杉山:スギヤマ:Sugiyama
村田:ムラタ:Murata 大塚:オオツカ:Otsuka 新井:アライ:Arai 小山:コヤマ:Koyama 平野:ヒラノ:Hirano
藤本:フジモト:Fujimoto 河野:コウノ:Kono 上野:ウエノ:Ueno 野口:ノグチ:Noguchi 武田:タケダ:Takeda
松井:マツイ:Matsui 千葉:チバ:Chiba 岩崎:イワサキ:Iwasaki 菅原:スガワラ:Sugawara 木下:キノシタ:Kinoshita
久保:クボ:Kubo 佐野:サノ:Sano 野村:ノムラ:Nomura 松尾:マツオ:Matsuo 市川:イチカワ:Ichikawa
菊地:キクチ:Kikuchi 杉本:スギモト:Sugimoto 古川:フルカワ:Furukawa 大西:オオニシ:Onishi 島田:シマダ:Shimada
水野:ミズノ:Mizuno 桜井:サクライ:Sakurai 高野:タカノ:Takano 渡部:ワタナベ:Watanabe 吉川:ヨシカワ:Yoshikawa
山内:ヤマウチ:Yamauchi 西田:ニシダ:Nishida 飯田:イイダ:Iida 菅野:スガノ:Sugano 東:アズマ:Azuma
五十嵐:イガラシ:Igarashi 小松:コマツ:Komatsu 小野寺:オノデラ:Onodera 長谷部:ハセベ:Hasebe
髙橋:タカハシ:Takahashi 齋藤:サイトウ:Saito 渡邊:ワタナベ:Watanabe 渡邉:ワタナベ:Watanabe
濱田:ハマダ:Hamada 澤田:サワダ:Sawada 廣瀬:ヒロセ:Hirose 櫻井:サクライ:Sakurai 藤澤:フジサワ:Fujisawa
德永:トクナガ:Tokunaga 邊見:ヘンミ:Hemmi 嶋田:シマダ:Shimada 﨑田:サキタ:Sakita 竈門:カマド:Kamado
""")

JP_GIVEN = _table("""
太郎:タロウ:Taro 一郎:イチロウ:Ichiro 健太:ケンタ:Kenta 翔太:ショウタ:Shota 大輔:ダイスケ:Daisuke
拓也:タクヤ:Takuya 直樹:ナオキ:Naoki 誠:マコト:Makoto 浩:ヒロシ:Hiroshi 隆:タカシ:Takashi
健一:ケンイチ:Kenichi 和也:カズヤ:Kazuya 達也:タツヤ:Tatsuya 亮:リョウ:Ryo 学:マナブ:Manabu
剛:ツヨシ:Tsuyoshi 修:オサム:Osamu 聡:サトシ:Satoshi 淳:ジュン:Jun 茂:シゲル:Shigeru
勇気:ユウキ:Yuki 悠斗:ユウト:Yuto 陽介:ヨウスケ:Yosuke 俊介:シュンスケ:Shunsuke 雄一:ユウイチ:Yuichi
秀樹:ヒデキ:Hideki 正人:マサト:Masato 信也:シンヤ:Shinya 哲也:テツヤ:Tetsuya 康弘:ヤスヒロ:Yasuhiro
博之:ヒロユキ:Hiroyuki 智也:トモヤ:Tomoya 圭介:ケイスケ:Keisuke 大樹:ダイキ:Daiki 蓮:レン:Ren
湊:ミナト:Minato 陽翔:ハルト:Haruto 颯太:ソウタ:Sota 悠真:ユウマ:Yuma 翼:ツバサ:Tsubasa
健二:ケンジ:Kenji 昭:アキラ:Akira 隼人:ハヤト:Hayato 優:ユウ:Yu 裕太:ユウタ:Yuta
雅彦:マサヒコ:Masahiko 克己:カツミ:Katsumi 賢治:ケンジ:Kenji 光太郎:コウタロウ:Kotaro 慎吾:シンゴ:Shingo
洋平:ヨウヘイ:Yohei 竜也:タツヤ:Tatsuya 将太:ショウタ:Shota 孝:タカシ:Takashi 豊:ユタカ:Yutaka
進:ススム:Susumu 稔:ミノル:Minoru 清:キヨシ:Kiyoshi 弘:ヒロシ:Hiroshi 武:タケシ:Takeshi
幸司:コウジ:Koji 浩二:コウジ:Koji 英樹:ヒデキ:Hideki 徹:トオル:Toru 功:イサオ:Isao
恭平:キョウヘイ:Kyohei 航:ワタル:Wataru 駿:シュン:Shun 悟:サトル:Satoru 雅弘:マサヒロ:Masahiro
健太郎:ケンタロウ:Kentaro 龍之介:リュウノスケ:Ryunosuke 伸一:シンイチ:Shinichi 紘一:コウイチ:Koichi
大地:ダイチ:Daichi 保:タモツ:Tamotsu 宏樹:ヒロキ:Hiroki 翔:ショウ:Sho 響:ヒビキ:Hibiki
樹:イツキ:Itsuki 拓海:タクミ:Takumi 晋太郎:シンタロウ:Shintaro 謙:ケン:Ken 譲:ユズル:Yuzuru
花子:ハナコ:Hanako 陽子:ヨウコ:Yoko 恵子:ケイコ:Keiko 京子:キョウコ:Kyoko 幸子:サチコ:Sachiko
裕子:ユウコ:Yuko 美穂:ミホ:Miho 由美:ユミ:Yumi 直美:ナオミ:Naomi 真由美:マユミ:Mayumi
愛:アイ:Ai 彩:アヤ:Aya 舞:マイ:Mai 麻衣:マイ:Mai 恵:メグミ:Megumi
智子:トモコ:Tomoko 明美:アケミ:Akemi 久美子:クミコ:Kumiko 美香:ミカ:Mika 香織:カオリ:Kaori
沙織:サオリ:Saori 千尋:チヒロ:Chihiro 絵美:エミ:Emi 優子:ユウコ:Yuko 美咲:ミサキ:Misaki
陽菜:ヒナ:Hina 結衣:ユイ:Yui さくら:サクラ:Sakura 葵:アオイ:Aoi 凛:リン:Rin
結菜:ユイナ:Yuina 芽衣:メイ:Mei 莉子:リコ:Riko 美月:ミヅキ:Mizuki 七海:ナナミ:Nanami
遥:ハルカ:Haruka 彩花:アヤカ:Ayaka 奈々:ナナ:Nana 理恵:リエ:Rie 紀子:ノリコ:Noriko
由紀:ユキ:Yuki 亜希子:アキコ:Akiko 里美:サトミ:Satomi 瞳:ヒトミ:Hitomi 加奈子:カナコ:Kanako
麻美:アサミ:Asami 早紀:サキ:Saki 友美:トモミ:Tomomi 真理:マリ:Mari 純子:ジュンコ:Junko
洋子:ヨウコ:Yoko 和子:カズコ:Kazuko 典子:ノリコ:Noriko 美奈子:ミナコ:Minako 晴美:ハルミ:Harumi
千春:チハル:Chiharu 明日香:アスカ:Asuka 詩織:シオリ:Shiori 菜々子:ナナコ:Nanako 萌:モエ:Moe
玲奈:レイナ:Reina 彩乃:アヤノ:Ayano ひかり:ヒカリ:Hikari みゆき:ミユキ:Miyuki 桃子:モモコ:Momoko
楓:カエデ:Kaede 杏:アン:An 真央:マオ:Mao 千代子:チヨコ:Chiyoko 美由紀:ミユキ:Miyuki
""")

EN_GIVEN: dict[str, tuple[str, ...]] = {
    "US": (
        "James",
        "Mary",
        "John",
        "Patricia",
        "Robert",
        "Jennifer",
        "Michael",
        "Linda",
        "William",
        "Elizabeth",
        "David",
        "Barbara",
        "Richard",
        "Susan",
        "Joseph",
        "Jessica",
        "Thomas",
        "Sarah",
        "Christopher",
        "Karen",
        "Daniel",
        "Lisa",
        "Matthew",
        "Ashley",
        "Anthony",
        "Emily",
        "Kevin",
        "Brian",
        "Rachel",
        "Tyler",
        "Megan",
        "Carlos",
        "Maria",
        "Wei",
        "Priya",
        "Aisha",
    ),
    "GB": (
        "Oliver",
        "Amelia",
        "Harry",
        "Olivia",
        "George",
        "Isla",
        "Jack",
        "Emily",
        "Charlie",
        "Sophie",
        "Thomas",
        "Charlotte",
        "James",
        "Grace",
        "William",
        "Lucy",
        "Alfie",
        "Hannah",
        "Rhys",
        "Siobhan",
    ),
    "DE": (
        "Lukas",
        "Anna",
        "Jonas",
        "Lea",
        "Maximilian",
        "Hannah",
        "Felix",
        "Laura",
        "Paul",
        "Julia",
        "Tobias",
        "Katharina",
        "Jürgen",
        "Sabine",
        "Stefan",
        "Andrea",
        "Matthias",
        "Claudia",
    ),
    "FR": (
        "Louis",
        "Camille",
        "Hugo",
        "Chloé",
        "Léa",
        "Jules",
        "Manon",
        "Lucas",
        "Élodie",
        "Théo",
        "Nicolas",
        "Sophie",
        "Julien",
        "Amélie",
        "François",
        "Céline",
        "Mathieu",
        "Inès",
    ),
    "AU": (
        "Jack",
        "Mia",
        "Ethan",
        "Ava",
        "Lachlan",
        "Chloe",
        "Cooper",
        "Zoe",
        "Riley",
        "Matilda",
        "Noah",
        "Grace",
        "Liam",
        "Ruby",
        "Hamish",
        "Sienna",
    ),
    "CA": (
        "Liam",
        "Emma",
        "Noah",
        "Olivia",
        "Benjamin",
        "Charlotte",
        "Lucas",
        "Alice",
        "Samuel",
        "Léa",
        "Gabriel",
        "Chloé",
        "Ethan",
        "Maya",
        "Owen",
        "Avery",
    ),
    "SG": (
        "Wei Ming",
        "Mei Ling",
        "Jun Jie",
        "Hui Min",
        "Raj",
        "Priya",
        "Ahmad",
        "Siti",
        "Kevin",
        "Rachel",
        "Darren",
        "Michelle",
        "Marcus",
        "Jasmine",
    ),
}

EN_FAMILY: dict[str, tuple[str, ...]] = {
    "US": (
        "Smith",
        "Johnson",
        "Williams",
        "Brown",
        "Jones",
        "Garcia",
        "Miller",
        "Davis",
        "Rodriguez",
        "Martinez",
        "Wilson",
        "Anderson",
        "Taylor",
        "Thomas",
        "Moore",
        "Jackson",
        "Martin",
        "Lee",
        "Thompson",
        "White",
        "Harris",
        "Clark",
        "Lewis",
        "Walker",
        "Young",
        "Nguyen",
        "Patel",
        "Kim",
        "O'Connor",
        "McAllister",
        "Van Buren",
        "Goldberg",
    ),
    "GB": (
        "Smith",
        "Jones",
        "Taylor",
        "Brown",
        "Williams",
        "Wilson",
        "Evans",
        "Hughes",
        "Wright",
        "Roberts",
        "Green",
        "Hall",
        "Wood",
        "Thompson",
        "O'Brien",
        "MacDonald",
        "Fitzgerald",
        "Ashworth",
        "Pemberton",
        "Khan",
    ),
    "DE": (
        "Müller",
        "Schmidt",
        "Schneider",
        "Fischer",
        "Weber",
        "Meyer",
        "Wagner",
        "Becker",
        "Schulz",
        "Hoffmann",
        "Koch",
        "Richter",
        "Klein",
        "Wolf",
        "Schröder",
        "Neumann",
        "Zimmermann",
        "Krüger",
    ),
    "FR": (
        "Martin",
        "Bernard",
        "Dubois",
        "Thomas",
        "Robert",
        "Richard",
        "Petit",
        "Durand",
        "Leroy",
        "Moreau",
        "Simon",
        "Laurent",
        "Lefèvre",
        "Michel",
        "Garcia",
        "Fontaine",
        "Rousseau",
        "Girard",
    ),
    "AU": (
        "Smith",
        "Jones",
        "Williams",
        "Brown",
        "Wilson",
        "Taylor",
        "Nguyen",
        "Johnson",
        "Martin",
        "White",
        "Anderson",
        "Walker",
        "Thompson",
        "Kelly",
        "Ryan",
        "Mitchell",
    ),
    "CA": (
        "Smith",
        "Brown",
        "Tremblay",
        "Martin",
        "Roy",
        "Wilson",
        "MacDonald",
        "Gagnon",
        "Johnson",
        "Taylor",
        "Campbell",
        "Anderson",
        "Leblanc",
        "Lee",
        "Côté",
        "Bouchard",
    ),
    "SG": (
        "Tan",
        "Lim",
        "Lee",
        "Ng",
        "Ong",
        "Wong",
        "Goh",
        "Chua",
        "Chan",
        "Koh",
        "Teo",
        "Ang",
        "Kumar",
        "Abdullah",
        "Pillai",
        "Yeo",
    ),
}

#: Printed before a Western name, never part of the truth.
HONORIFICS: tuple[str, ...] = ("Dr.", "Mr.", "Ms.", "Mrs.", "Prof.", "Dr")
#: Printed after a Western name (", PhD"), never part of the truth.
POST_NOMINALS: tuple[str, ...] = ("PhD", "Ph.D.", "MBA", "CPA", "MD", "P.Eng.", "CFA", "FCA", "MSc", "Esq.")
