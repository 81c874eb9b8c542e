"""Kinds and urgency for the phrasings villagers actually use."""

from __future__ import annotations

import pytest

from nlp.kinds import Kind
from nlp.parser import Parser


@pytest.mark.parametrize(
    ("text", "kind", "urgent"),
    [
        ("俺家热水器打不着火了 刚住进来就坏", Kind.REPAIR, False),
        ("快快快 东胡同李大爷从房顶上掉下来了 腿都变形了 起不来", Kind.ILLNESS, True),
        ("俺婆婆在超市门口摔了 胳膊怕是断了 动不了 疼得直哭", Kind.ILLNESS, True),
        ("村北那个坡结冰了 跟镜子似的 电动车已经摔了俩了 撒点炉渣吧", Kind.HAZARD, False),
        ("俺们组的马老汉一个人住 腿脚不便 冬天门口的雪没人扫 谁年轻的去帮一下", Kind.HELP, False),
        ("老街那排老房子冒烟了 好像着火了 快打119", Kind.HAZARD, True),
        ("板房B排那边冒黑烟了 好像是谁家电暖器着了 人还在里面没出来", Kind.HAZARD, True),
        ("今天39度 羊都热得不吃草了 人也受不了", Kind.CHAT, False),
        ("人送卫生院了 缝了五针 没大事", Kind.CHAT, False),
        ("都说戴两层口罩管用 俺戴了两层 喘不上气来 哈哈", Kind.CHAT, False),
        ("回复 @孙大姐：恁别急 下午俺把药给恁捎过去 已经跟卫生室说好了", Kind.CHAT, False),
        ("走访4户 全部正常 无发热 无外来人员", Kind.TEMPERATURE, False),
        ("楼道里一股煤气味 很冲", Kind.HAZARD, True),
        ("今天天气37度热死了", Kind.CHAT, False),
        ("自家做的鲜花饼36.5元一盒", Kind.CHAT, False),
        ("全家体温正常 就是热水器打不着火了", Kind.REPAIR, False),
        ("全家體溫正常", Kind.TEMPERATURE, False),
        ("水管爆了 水漫到屋里了 快来人关总阀", Kind.REPAIR, True),
        ("王大娘在集上晕倒了 叫不醒 快打120", Kind.ILLNESS, True),
        ("我妈发烧三十八度五 咳得厉害 想去县医院 家里没车", Kind.ILLNESS, False),
        ("俺家小孩放学没回来 都快九点了 哪都找不到", Kind.HELP, True),
        ("帮俺奶奶代买两瓶速效救心丸 钱我微信转你", Kind.SUPPLIES, False),
        ("隔壁养的狗天天叫 还咬死了俺家两只鸡", Kind.DISPUTE, False),
        ("俩人在村口干起来了 一个手里拿着镰刀", Kind.DISPUTE, True),
        ("垃圾桶满了好几天没人清 苍蝇乱飞", Kind.SANITATION, False),
        ("冰雹把玉米全砸倒了 能报灾吗", Kind.AGRICULTURE, False),
        ("低保申请需要啥材料", Kind.POLICY, False),
        ("俺对门赵奶奶一个人住 好几天没见她出门了 谁去看看", Kind.HELP, False),
        ("上回那个电梯修好了 谢谢物业的师傅", Kind.CHAT, False),
        ("前几天说的那个路灯修好了 谢谢 还有个事 村委会门口那个大喇叭也不响了", Kind.REPAIR, False),
        ("谢谢书记 路灯亮了 晚上俺娘去跳广场舞不怕黑了", Kind.CHAT, False),
        ("刚才报修的那个下水道 师傅说明早过去 今黑先凑合一下", Kind.CHAT, False),
        ("前屯村有个老头走丢了 后来在高速路边上找着的 有老人的家里多看着点", Kind.CHAT, False),
        ("俺想找个在济南打工的老乡 叫翟长江 夏沟的 谁有他电话", Kind.HELP, False),
        ("屯里那个废弃的砖窑 大坑里积了好多水 挺深 孩子们总去那边玩", Kind.HAZARD, False),
        ("对门天天把垃圾堆俺家门口 说了也不听", Kind.DISPUTE, False),
        (
            "借给二柱子三千块 说好年底还 现在打电话都不接 村里能不能帮着说道说道",
            Kind.DISPUTE,
            False,
        ),
        ("娃儿吃花生米呛到了 脸都憋紫了 出不到气 快 卫生院的医生在不在", Kind.ILLNESS, True),
        ("饿得我要晕倒了 火锅底料还没炒香", Kind.CHAT, False),
        ("马婶37度 她说刚从地里回来 热的 一会再测", Kind.TEMPERATURE, False),
        ("要是半夜孩子烧到三十九度 别等天亮 直接打宋大夫电话", Kind.CHAT, False),
        ("体温表格式大家看一下 名字后面跟温度就行 例如 张三36.5", Kind.CHAT, False),
        ("俺们这一组今天都报齐了 没有异常", Kind.TEMPERATURE, False),
        ("谁去给捎几个驴肉火烧 俺娘想吃 俺给钱", Kind.SUPPLIES, False),
        ("老年人坐公交免费那个卡 在哪办 要多大岁数", Kind.POLICY, False),
        ("刚才有股煤气味 开窗通了风 现在闻不着了 还用找人看不", Kind.HAZARD, False),
        ("【转发】夏季防溺水安全提示 家长们一定要看好孩子", Kind.CHAT, False),
        ("收到", Kind.CHAT, False),
        ("一個拿著鐵棍追著打 快來人", Kind.DISPUTE, True),
        ("我这手机烫得跟要着火似的 刷了一下午视频", Kind.CHAT, False),
        ("后山松林冒黄烟 风往寨子这边吹", Kind.HAZARD, True),
        ("门锁坏了 快来人", Kind.REPAIR, False),
        ("[捂脸][捂脸]", Kind.CHAT, False),
        # A shared article alone is chat; a comment beside it is the sender's own request.
        ("<msg><appmsg><title>危房改造补助政策解读</title></appmsg></msg>", Kind.CHAT, False),
        (
            "<msg><appmsg><title>危房改造补助政策解读</title></appmsg></msg> 俺家那老房子能申请不",
            Kind.POLICY,
            False,
        ),
        ("回复 @王书记：燃气公司的人来了 软管老化了 已经换了 味儿也散了", Kind.CHAT, False),
        ("水进院了 已经没过脚脖了 还在往上涨 俺娘还在里屋 快来人", Kind.HAZARD, True),
        ("河西老周家三口人还在房顶上 水快淹到房檐了 快派船", Kind.HELP, True),
        ("401那个发烧的 宋大夫已经电话问过了 说是感冒 吃了药了", Kind.CHAT, False),
        # A danger that has cleared, or keeps coming back, is not an emergency now.
        ("厨房刚才有股煤气味 开窗以后闻不着了 能找人来看看管子不", Kind.HAZARD, False),
        ("院墙外那根电线一下雨就打火花", Kind.HAZARD, False),
        # People still in the way of a danger happening now.
        ("坡上往下滚石头 下面那户人还在屋里睡觉", Kind.HAZARD, True),
        ("老杨打完农药回来 一直吐 站都站不稳", Kind.ILLNESS, True),
        ("俺爹突然说话说不清楚了 嘴也歪了", Kind.ILLNESS, True),
        ("剁排骨剁到手了 血一直往外冒", Kind.ILLNESS, True),
        ("娃让狗咬了一口 去哪打疫苗", Kind.ILLNESS, False),
        ("俺家煤气罐没气了 谁有送气的电话", Kind.SUPPLIES, False),
        ("大风把树枝刮断了 压着路边的电线", Kind.HAZARD, False),
        # A hazard feared ahead is a hazard now; only a drill or a dream is not.
        ("山上有块大石头松了 再下雨怕滚下来砸着下面那几户", Kind.HAZARD, False),
        ("消防演练：如果墙裂了要塌 大家往操场跑", Kind.CHAT, False),
        # Asking about what somebody else reported is no report.
        ("刚才群里说的那个煤气味 到底是哪栋楼？物业去看了没有", Kind.CHAT, False),
        ("问一下 刚才报37.5的那个李家 是前街李家还是后街李家", Kind.CHAT, False),
        # Words jieba hides inside its own longer words.
        ("我老公在工地上让钢筋砸了头 现在昏迷不醒", Kind.ILLNESS, True),
        ("老人家早上摔了一跤 手腕肿得老高", Kind.ILLNESS, False),
        # Fine, but…: the "but" names what is wrong.
        (
            "老爷子滑了一跤 没啥大事 就是手腕肿得老高 想去镇上拍个片子 谁顺路捎一下",
            Kind.ILLNESS,
            False,
        ),
        ("俺家一到晚上就没电 邻居家都好好的", Kind.REPAIR, False),
        # 烧起来 of a person is a fever; of a haystack it is a fire.
        ("儿子放学回来就烧起来了 现在38度7 卫生院晚上有人值班吗", Kind.ILLNESS, False),
        ("村东头麦秸垛烧起来了", Kind.HAZARD, True),
        ("婆婆吃汤圆噎住了 脸憋得发紫", Kind.ILLNESS, True),
        ("娃打疫苗要带啥 接种本找不着了咋办", Kind.POLICY, False),
        ("冇水啊 成條街都冇水 幾時先至有水", Kind.REPAIR, False),
        # Already reported, finally stopped, gone well: nothing left to do.
        ("张婶说她家门口路灯坏了 她已经跟网格员说过了", Kind.CHAT, False),
        ("楼上那家终于不吵了 谢谢网格员去说", Kind.CHAT, False),
        ("前两天俺家着火那事 谢谢大伙帮着扑 房子没大事 人也都好", Kind.CHAT, False),
        # ... but a loss from a past fire is still an insurance claim.
        ("上个月柴房着火 烧了两千斤麦子 保险能给赔不", Kind.AGRICULTURE, False),
        ("房子后墙塌了一半 还在往下掉砖 里面老两口还没出来", Kind.HAZARD, True),
        ("老孙头脑子糊涂 又跑丢了 最后有人看见是往河那边去了", Kind.HELP, True),
        ("油锅着了 俺拿锅盖盖不住 火窜到抽油烟机上了", Kind.HAZARD, True),
        ("停水通知说今天下午来水 现在都八点了还没来", Kind.REPAIR, False),
        ("老周家媳妇生孩子大出血 转到市里医院了 家里钱不够 村里能帮一把不", Kind.ILLNESS, False),
        ("俺家老头要用的氧气瓶快空了 谁能帮着去县医院换一瓶", Kind.SUPPLIES, False),
        # Set S: emergencies told as situations, chit-chat that looks like a request.
        (
            "大家帮忙转一下 俺家小宝 六岁 穿红色羽绒服 下午四点在小卖部门口玩 现在找不到了",
            Kind.HELP,
            True,
        ),
        ("俺家孩子把一瓶降压药都吃了 刚发现 药瓶空了 咋办", Kind.ILLNESS, True),
        ("路灯杆子漏电 刚才俺摸了一下也麻手 孩子们放学都从这过", Kind.HAZARD, True),
        ("听说三组停电了 俺们这边没事", Kind.CHAT, False),
        ("刚才楼下有人喊着火 吓死了 下去一看是烧烤摊的烟 没事", Kind.CHAT, False),
        ("你家那只狗真好看 啥品种", Kind.CHAT, False),
        ("俺家插座一插就冒火星 啪的一声 现在不敢用了 谁来看看", Kind.HAZARD, False),
        # Sets T, U and V: hearsay and relayed advice are chat unless something is asked.
        ("听说后山那个村丢了一头牛 大家晚上把圈门关好", Kind.CHAT, False),
        ("听说有个旱厕改造补贴 俺家够不够条件", Kind.POLICY, False),
        ("大夫说俺血脂有点高 让少吃肥肉", Kind.CHAT, False),
        ("你们那边花生今年多少钱一斤收 我们这四块", Kind.CHAT, False),
        ("东头那个事儿咋样了 两家和好没", Kind.CHAT, False),
        ("俺家这个月水费交了八十多 比上个月贵", Kind.CHAT, False),
        ("热得我头晕 这天没法出门", Kind.CHAT, False),
        ("楼上那家天天半夜跺脚 咚咚的 我心脏病都要犯了", Kind.DISPUTE, False),
        # ... and requests told as situations.
        ("快递到了镇上驿站 俺腿脚不便去不了", Kind.SUPPLIES, False),
        ("俺爹的降糖药就剩三粒了", Kind.SUPPLIES, False),
        ("隔壁刘奶奶一个人住 敲门也没人应 灯也不亮", Kind.HELP, False),
        ("谁看见俺家二丫头了 刚才还在门口", Kind.HELP, True),
        ("变压器外面的铁丝网让人剪开了", Kind.HAZARD, False),
        ("柴房着了 火已经烧到房檐了 快来人", Kind.HAZARD, True),
        ("他在地里让三轮车压着腿了 流了好多血", Kind.ILLNESS, True),
        ("俺36.5 老伴36.6 老伴腰疼下不了床 能不能请村医来看看", Kind.ILLNESS, False),
        ("孩子吃了退烧药还是烧 三十八度九 要不要去医院", Kind.ILLNESS, False),
        # Sets W-Y: Min and Wu pronouns, officers' reports, stories for the children, and a plea
        # that outweighs the framing around it.
        ("阮屋里的水龙头坏了 伊讲明天来修 到现在冇人来", Kind.REPAIR, False),
        ("今天走访了15户独居老人 都挺好 药也帮着买回来了", Kind.CHAT, False),
        ("给孙子讲小红帽的故事 他问大灰狼后来抓着没", Kind.CHAT, False),
        ("说来你们别笑 俺还以为是烧荒 走近一看是老刘家草垛着了 快来人", Kind.HAZARD, True),
        ("本来好好的 俺爹吃着饭一下子就晕倒了 叫也不应 咋办", Kind.ILLNESS, True),
        ("都说那是谣言 养老金不会取消 大家别瞎传", Kind.CHAT, False),
        ("阿土 早上36.5 下午36.9", Kind.TEMPERATURE, False),
    ],
)
def test_kind_and_urgency(parser: Parser, text: str, kind: Kind, urgent: bool) -> None:
    intent = parser.parse(text)
    assert (intent.kind, intent.urgent) == (kind, urgent)


def test_every_result_names_the_rules_that_fired(parser: Parser) -> None:
    intent = parser.parse("3号楼电梯又坏了")
    assert "repair.fault" in intent.rule_ids


def test_chat_has_no_rule_ids_from_requests(parser: Parser) -> None:
    intent = parser.parse("上回那个电梯修好了 谢谢物业的师傅")
    assert not any(rule.startswith("repair.") for rule in intent.rule_ids)


def test_slots_address_person_and_masked_phone(parser: Parser) -> None:
    intent = parser.parse("幸福家园5号楼2单元301 屋里灯全不亮了 电话13864012345")
    assert intent.slots.address.startswith("幸福家园5号楼2单元301")
    assert intent.slots.phone == "13864012345"
    assert intent.slots.masked_phone == "138****2345"
    assert parser.parse("俺娘高血压犯了").slots.person == "俺娘"


def test_a_missing_child_notice_asking_to_share_is_still_urgent(parser: Parser) -> None:
    intent = parser.parse("请大家帮忙转发 我家孩子放学没回来 八岁 穿红衣服 到现在找不到")
    assert (intent.kind, intent.urgent) == (Kind.HELP, True)
