"""Temperature readings exactly as contracts/parse.md describes them."""

from __future__ import annotations

import pytest

from nlp.kinds import Kind
from nlp.parser import Parser

Pairs = list[tuple[str | None, float]]


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("3號樓王大爺36.5 王大娘36.4", [("3號樓王大爺", 36.5), ("王大娘", 36.4)]),
        ("我和老伴都是36度5", [("我", 36.5), ("老伴", 36.5)]),
        ("俺大爷 37.1 不算烧吧", [("俺大爷", 37.1)]),
        ("牛家 牛大山 36度五 牛大山家属 36度3", [("牛大山", 36.5), ("牛大山家属", 36.3)]),
        ("今天体温 我和我媳妇分别是36.4 36.6", [("我", 36.4), ("我媳妇", 36.6)]),
        ("俺和他奶奶36.5 36.4", [("俺", 36.5), ("他奶奶", 36.4)]),
        (
            "俺们屋里仨人 俺 俺爹 俺娘 分别是36.4 36.5 36.6",
            [("俺", 36.4), ("俺爹", 36.5), ("俺娘", 36.6)],
        ),
        ("拉毛37.4 有点烧 索南36.6 多杰36.5", [("拉毛", 37.4), ("索南", 36.6), ("多杰", 36.5)]),
        ("从东莞回来的李国庆 体温37.6 有点烧", [("李国庆", 37.6)]),
        ("全家四口人都是36.5", [("全家四口人", 36.5)]),
        ("我们家三个人 都是36度6", [("我们家三个人", 36.6)]),
        ("王建华 王建英 刘春 三个都是36.4", [("王建华", 36.4), ("王建英", 36.4), ("刘春", 36.4)]),
        ("老太婆跟我 两个人都是36度6", [("老太婆", 36.6), ("我", 36.6)]),
        ("俺跟俺老伴一样 都三十六度四", [("俺", 36.4), ("俺老伴", 36.4)]),
        ("我三十七度整 刚从外头扫雪回来 老伴三十六度六", [("我", 37.0), ("老伴", 36.6)]),
        ("今儿清起来三十六度四 后晌三十六度七", [(None, 36.4), (None, 36.7)]),
        ("今天量了俩回 头一回37.4 隔了半小时36.9", [(None, 37.4), (None, 36.9)]),
        ("我三十六度五 家里俺娘说她三十六度三", [("我", 36.5), ("俺娘", 36.3)]),
        ("俺测了俩回 都是36.6", [("俺", 36.6)]),
        ("体温都正常 俺家那个36.5 俺36.3", [("俺家那个", 36.5), ("俺", 36.3)]),
        ("俺儿从上海回来了 今早量的三十六度五", [("俺儿", 36.5)]),
        ("三十七度八 俺娘 刚量的 说头有点沉", [("俺娘", 37.8)]),
        ("36.5 正常 张幺妹", [("张幺妹", 36.5)]),
        ("俺爷爷八十九了 今天36度7 精神头不孬", [("俺爷爷", 36.7)]),
        ("小邢 36.9 老吕 36.5 孟书记 36.4", [("小邢", 36.9), ("老吕", 36.5), ("孟书记", 36.4)]),
        ("3号楼王大妈 今天提问三六点六 她老伴三六点四", [("3号楼王大妈", 36.6), ("她老伴", 36.4)]),
        ("网格员你好 俺这三天的体温都是36.5", [("俺", 36.5)]),
        ("家里老人都正常 就系我37度5 有啲烧", [("我", 37.5)]),
        ("温伯话佢冇发烧 量咗三十六度八", [("温伯", 36.8)]),
        ("张玉兰（独居）36.4", [("张玉兰", 36.4)]),
        ("（林月娥）36.5 （林阿财）36.8", [("林月娥", 36.5), ("林阿财", 36.8)]),
        ("晚上又测了一遍 这回36.9 比早上低", [(None, 36.9)]),
        ("今天外边35度 热得够呛 体温我36.7 俺爹36.5", [("我", 36.7), ("俺爹", 36.5)]),
        ("王春生三十六度八", [("王春生", 36.8)]),
        ("陈金花36.2、陈金花老伴36.5", [("陈金花", 36.2), ("陈金花老伴", 36.5)]),
        ("1.杨光荣 36.5\n2.杨光荣爱人 36.3\n以上均正常", [("杨光荣", 36.5), ("杨光荣爱人", 36.3)]),
        ("体温三六点五", [(None, 36.5)]),
        ("早上体温 ３６．５", [(None, 36.5)]),
        ("孩子36,5", [("孩子", 36.5)]),
        ("老李家 37度 发烧了", [("老李家", 37.0)]),
        ("刘家：刘大柱36.5 刘二柱36.3", [("刘大柱", 36.5), ("刘二柱", 36.3)]),
        ("信息员李红报：李德山36.4，李德水36.7", [("李德山", 36.4), ("李德水", 36.7)]),
        ("501 36.5 502 36.6", [("501", 36.5), ("502", 36.6)]),
        ("孩子37.3 有点低烧 大人都36.5", [("孩子", 37.3), ("大人", 36.5)]),
        ("报体温 孙建华 36度7 孙建华爱人 36度4", [("孙建华", 36.7), ("孙建华爱人", 36.4)]),
        ("我提问36.6", [("我", 36.6)]),
        ("今天外头38度 俺36.8", [("俺", 36.8)]),
        ("36.6", [(None, 36.6)]),
        # Someone after a value who shares it; Cantonese "and" and 都係; time words are no names.
        ("李大爷36.5 李大娘也是", [("李大爷", 36.5), ("李大娘", 36.5)]),
        ("我同老婆都係36.4 阿仔36.7", [("我", 36.4), ("老婆", 36.4), ("阿仔", 36.7)]),
        ("家母今晨體溫三十六度五", [("家母", 36.5)]),
        ("早上量了两回 一回36.9一回37.1", [(None, 36.9), (None, 37.1)]),
        ("谭家 谭大爷 谭大娘 都是三十六度五", [("谭大爷", 36.5), ("谭大娘", 36.5)]),
        ("馬德福36.5 馬德福家裡的36.3", [("馬德福", 36.5), ("馬德福家裡的", 36.3)]),
        ("娃娃们 大的36.6 小的36.9", [("大的", 36.6), ("小的", 36.9)]),
        ("俺36.4 俺家掌柜的36.6", [("俺", 36.4), ("俺家掌柜的", 36.6)]),
        ("血压150/95 体温36.6", [(None, 36.6)]),
        ("今天白天热到三十五度 体温三十六度六", [(None, 36.6)]),
        ("测了三遍 都是36.5", [(None, 36.5)]),
        # Typed without the point, as people do on a phone.
        ("俺爹364 俺娘365", [("俺爹", 36.4), ("俺娘", 36.5)]),
        ("提问 368", [(None, 36.8)]),
        # Room numbers before readings, a house number run into its name, names in brackets
        # or after a lone reading, people side by side and people before 还有.
        ("401 36.5/402 36.7", [("401", 36.5), ("402", 36.7)]),
        ("１２号王桂兰 ３６．５", [("１２号王桂兰", 36.5)]),
        ("12号 体温 王桂兰36.5", [("王桂兰", 36.5)]),
        ("36.4（我）36.6（老婆）", [("我", 36.4), ("老婆", 36.6)]),
        ("36.5 张婆婆", [("张婆婆", 36.5)]),
        ("36.5 谢谢", [(None, 36.5)]),
        ("俺爹俺娘都是三十六度四", [("俺爹", 36.4), ("俺娘", 36.4)]),
        ("大宝二宝都是36.6", [("大宝", 36.6), ("二宝", 36.6)]),
        (
            "俺和俺家那口子 还有俺婆婆 都是36.4",
            [("俺", 36.4), ("俺家那口子", 36.4), ("俺婆婆", 36.4)],
        ),
        ("阿爺36.4 阿嫲36.6 多謝網格員", [("阿爺", 36.4), ("阿嫲", 36.6)]),
        ("提文36.6", [(None, 36.6)]),
        ("36.6 我/36.4 我妈/36.9 我外婆", [("我", 36.6), ("我妈", 36.4), ("我外婆", 36.9)]),
        ("36.5—李三宝，36.6—李三宝他妈", [("李三宝", 36.5), ("李三宝他妈", 36.6)]),
        ("阿土 早上36.5 下午36.9", [("阿土", 36.5), ("阿土", 36.9)]),
        ("阿公（87岁）36.2", [("阿公", 36.2)]),
        ("梁阿公 卅六度五", [("梁阿公", 36.5)]),
        ("爷爷奶奶都是36.5", [("爷爷", 36.5), ("奶奶", 36.5)]),
        ("大伢子二伢子都是三十六度六", [("大伢子", 36.6), ("二伢子", 36.6)]),
        ("其中1人低烧37.4℃（覃小梅）", [("覃小梅", 37.4)]),
        # People listed with nothing else before a shared value; one surname with two titles;
        # two pet names; a name that ends like a fruit; 的 after 老/小.
        ("老李 老王 老刘 都36.5 今儿值班的", [("老李", 36.5), ("老王", 36.5), ("老刘", 36.5)]),
        ("我 老伴 还有孙女 都是36.6", [("我", 36.6), ("老伴", 36.6), ("孙女", 36.6)]),
        ("黎叔黎婶都是36度4", [("黎叔", 36.4), ("黎婶", 36.4)]),
        ("阿普36.5 阿果36.8", [("阿普", 36.5), ("阿果", 36.8)]),
        ("我家两个老的都36.5", [("我家两个老的", 36.5)]),
        ("量了两遍 第一遍37.5 第二遍36.9", [(None, 37.5), (None, 36.9)]),
        # Voice-to-text runs a report together; the weather talk later does not cancel it.
        (
            "我给你报一下体温啊我早上量的三十六度五我们都好好的你放心啊就是这个天冷了多穿点",
            [("我", 36.5)],
        ),
    ],
)
def test_readings(parser: Parser, text: str, pairs: Pairs) -> None:
    intent = parser.parse(text)
    assert intent.kind is Kind.TEMPERATURE
    assert [(r.name, r.celsius) for r in intent.readings] == pairs


@pytest.mark.parametrize(
    "text",
    [
        "今天天气37度 热死了",
        "自家做的鲜花饼 36.5元一盒",
        "体温超过37.3的请马上上报",
        "37.3以上的要报告",
        "血压140/90 有点高",
        "我手机号换了 13837512345",
        "3月15号赶集",
        "俺三十六度多 没啥事",
        "36号楼的快递到了",
        "今年37岁了",
        "居委统计：弄堂里四十二户全部量好 无发热",
        "都三十六度左右",
        "回复 @张大姐：你家老爷子三十六度八那是正常的 别担心",
        "俺说三十六到三十七之间都算正常",
        "鲳鱼68一斤 马鲛38 带鱼36.8 都涨了",
        "今日外面好热呀 三十七度八",
        "绝了 今天深圳37度 出门五分钟全身湿透",
        "其他人都36点几",
        "回复 @幺妹：37度不算发烧哦 37.3以上才算",
        "401那个发烧的 宋大夫已经电话问过了 说是感冒",
        "本周积分公示：高秀梅 37分 李福田 36.5分",
        "37.0不算烧吧 俺记着37.3以上才算",
        "【通知】体温37.3℃以上人员须立即报告网格员",
        "聊城今天37度 德州36度 咱这夹中间 一样热",
        "玫瑰酱俺家有 自家熬的 一罐36.5 要的私聊",
    ],
)
def test_never_a_reading(parser: Parser, text: str) -> None:
    assert parser.parse(text).readings == ()


@pytest.mark.parametrize(
    ("text", "fever"),
    [("郑玉梅37.5 有点烧 刘强36.6", True), ("孩子37.3", True), ("孩子37.2", False)],
)
def test_fever_flag_at_37_3(parser: Parser, text: str, fever: bool) -> None:
    assert parser.parse(text).fever is fever


def test_fever_threshold_is_configurable() -> None:
    strict = Parser(fever_celsius=37.0)
    assert strict.parse("孩子37.2").fever


@pytest.mark.parametrize(
    "text",
    [
        "老韩家37度4 低烧 村医已经来过了",
        "俺娘体温三十六度八 俺爹三十七度六 俺爹发烧了 下午去卫生室看看",
        "郑家 郑老汉37.7 发烧了 郑老汉老伴36.5 让村医下午去看看了",
        "姜秀梅36.5 姜秀梅婆婆36.7 姜秀梅公公住院了没法测",
        "@小刘 宋家庄这边 宋老三 36.4 宋老四 38.1 老四发烧了 已经报村医了",
        "方玉梅 36.6 方玉梅老伴 38.3 高烧 已经在去医院的路上了",
        "細仔38度5 發燒了 其他人正常 等下帶去衛生室",
        "王奶奶 38.5 送到镇医院了",
    ],
)
def test_a_fever_whose_care_is_in_hand_stays_a_report(parser: Parser, text: str) -> None:
    intent = parser.parse(text)
    assert intent.kind is Kind.TEMPERATURE
    assert intent.readings


def test_a_fever_with_care_asked_for_is_an_illness_request(parser: Parser) -> None:
    assert parser.parse("小明37.8 想让村医来看看").kind is Kind.ILLNESS


def test_values_listed_before_their_people(parser: Parser) -> None:
    intent = parser.parse("體溫 36度8 36度5 36度6 爸 媽 我")
    assert [(r.name, r.celsius) for r in intent.readings] == [
        ("爸", 36.8),
        ("媽", 36.5),
        ("我", 36.6),
    ]
    intent = parser.parse("36.4 36.6 俺和俺娘")
    assert [(r.name, r.celsius) for r in intent.readings] == [("俺", 36.4), ("俺娘", 36.6)]


def test_a_fever_from_years_ago_is_a_story(parser: Parser) -> None:
    intent = parser.parse("俺记得那年俺娘发高烧 四十度 大半夜俺背着她走了十里地去镇上")
    assert intent.kind is Kind.CHAT
    assert not intent.fever


def test_no_readings_when_the_message_is_a_request(parser: Parser) -> None:
    intent = parser.parse("全家36.5 就是热水器打不着火了")
    assert intent.kind is Kind.REPAIR
    assert intent.readings == ()


@pytest.mark.parametrize(
    "text",
    [
        "上礼拜俺烧到三十九度二 躺了三天 现在全好了 大家注意流感",
        "孙子前天烧到38度5 今儿个全退了 又满院子跑",
    ],
)
def test_a_fever_told_after_it_passed_is_no_report(parser: Parser, text: str) -> None:
    assert parser.parse(text).kind is Kind.CHAT


def test_a_fever_gone_but_measured_again_today_is_a_report(parser: Parser) -> None:
    intent = parser.parse("昨天发烧38.5 今天退了 36.6")
    assert intent.kind is Kind.TEMPERATURE


def test_remembered_chunks_give_the_same_readings_in_any_order() -> None:
    texts = [
        "孟书记 36.4",
        "孟 36.4",
        "俺家那个36.5 俺36.3",
        "俺家 36.5",
        "俺儿从上海回来了 今早量的三十六度五",
        "俺儿 36.5",
    ]
    forward = Parser(cache_size=0)
    backward = Parser(cache_size=0)
    ahead = [forward.parse(text).readings for text in texts]
    behind = [backward.parse(text).readings for text in reversed(texts)]
    assert ahead == behind[::-1]
