/**
 * Name pools for the fictional demo province. Place names are invented (a few syllables recall
 * Shandong, where the Jining seed document comes from); people's names are built from common
 * surnames and given-name characters, so any resemblance to a real official is chance.
 */

export const PROVINCE = { code: '990000', name: '齐岳省' } as const;

/** The one city built in full: code 990800 echoes Jining's 370800, the eighth city of 17. */
export const DETAILED_CITY = { code: '990800', name: '济川市', short: '济川' } as const;

/** Enough invented city names for the 16 other prefecture-level cities, with some to spare. */
export const CITY_NAMES = [
	'岱阳',
	'沂宁',
	'泺州',
	'青岚',
	'崂东',
	'峄南',
	'潍源',
	'淄河',
	'洙泉',
	'岚州',
	'霁州',
	'澜江',
	'云泽',
	'泓川',
	'珞阳',
	'泮州',
	'泽原',
	'琅华',
	'汐城',
	'鹤汀',
	'舒川'
] as const;

/** District-level names of the detailed city: 区, 县 and 县级市, in the order codes are given. */
export const DISTRICT_NAMES = {
	district: ['任泽', '兖川', '洙西', '济北', '泗滨', '南湖'],
	county: ['微澜', '鱼川', '金泽', '嘉宁', '汶阳', '泗源', '梁泉', '羊山', '凫山', '峄阳'],
	countyCity: ['曲原', '邹阳', '滕川', '尼山']
} as const;

/** Urban sub-district (街道) names: roads, old gates and neighbourhoods. */
export const SUBDISTRICT_NAMES = [
	'人民路',
	'建设路',
	'文化路',
	'解放路',
	'东关',
	'西关',
	'南关',
	'北关',
	'古槐',
	'仙营',
	'越河',
	'运河',
	'太白',
	'北湖',
	'南苑',
	'金城',
	'文昌',
	'新村',
	'龙山',
	'凤鸣',
	'杏坛',
	'鼓楼',
	'钟楼',
	'府前',
	'学府',
	'泮池',
	'双桥',
	'柳园',
	'观澜',
	'惠民',
	'青年路',
	'和平路',
	'光明',
	'红星',
	'永安',
	'湖滨',
	'荷花',
	'东城',
	'西城',
	'南城',
	'北城'
] as const;

/** Two halves of rural town (镇) and township (乡) names, like 杨集, 马店, 石桥. */
export const VILLAGE_HEADS = [
	...'张李王杨马高黄石柳孙刘金唐韩郭魏胡梁宋许潘田董南北东西大小新古双白青龙凤鹤桃杏枣梨'
] as const;
export const VILLAGE_TAILS = [...'庄营集店桥口庙屯楼寨坊湖河泉岭堡湾墩阁园台'] as const;

/** Common surnames, most frequent first; weights fall off roughly as in the national census. */
export const SURNAMES = [
	...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金贾韦夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常'
] as const;

export const GIVEN_NAME_CHARS = {
	male: [...'建国军伟强磊勇涛明斌刚杰峰鹏辉波鑫宇浩志海林东平文华庆振永新春立德洪瑞成俊凯飞龙宏毅'],
	female: [...'丽静敏燕艳娟霞芳慧玲婷雪琳颖洁莉萍红梅蕾晶倩璐丹欣悦瑶佳秀兰']
} as const;
