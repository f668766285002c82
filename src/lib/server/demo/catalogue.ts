/**
 * The units of the detailed city, as templates: who they are, the titles of their leaders, their
 * internal offices (科室, whose heads are the mid-level cadres) and their service windows. Windows
 * marked `core` always exist; `optional` ones are drawn to bring the city to its window count.
 */
export interface UnitTemplate {
	key: string;
	/** `{c}` is replaced by the city's name, `{d}` by the district's. */
	name: string;
	kind: 'department' | 'law_enforcement';
	/** Head and deputy titles; a null head means the head sits above county level (市委常委). */
	titles: [head: string | null, deputy: string];
	offices: readonly string[];
	windows: { core: readonly string[]; optional: readonly string[] };
	/** Name used in an urban district (区), where some bodies are branches of the city's: `{s}` is the short name. */
	urbanName?: string;
}

const bureau = ['局长', '副局长'] as [string, string];
const committee = ['主任', '副主任'] as [string, string];
// The heads of the party's own departments are members of the city standing committee, above
// the county level the model covers; the executive deputy runs the department day to day.
const party = [null, '副部长'] as [null, string];
const none = { core: [], optional: [] };

const t = (
	key: string,
	name: string,
	kind: UnitTemplate['kind'],
	titles: UnitTemplate['titles'],
	offices: string,
	core = '',
	optional = ''
): UnitTemplate => ({
	key,
	name,
	kind,
	titles,
	offices: words(offices),
	windows: core || optional ? { core: words(core), optional: words(optional) } : none
});
const words = (text: string) => (text ? text.split(' ') : []);
const D = 'department' as const;
const L = 'law_enforcement' as const;

export const CITY_UNITS: readonly UnitTemplate[] = [
	t(
		'organization',
		'中共{c}委组织部',
		D,
		party,
		'办公室 干部监督室 组织科 干部一科 干部二科 公务员管理科 人才工作科 干部教育科'
	),
	t('publicity', '中共{c}委宣传部', D, party, '办公室 宣传教育科 理论科 新闻科 文艺科 网络宣传科'),
	t('united-front', '中共{c}委统战部', D, party, '办公室 党派科 民族宗教科 经济科'),
	t(
		'development',
		'{c}发展和改革委员会',
		D,
		committee,
		'办公室 发展规划科 固定资产投资科 价格管理科 产业发展科 经济运行科'
	),
	t('industry', '{c}工业和信息化局', D, bureau, '办公室 产业发展科 技术改造科 中小企业科'),
	t(
		'education',
		'{c}教育局',
		D,
		bureau,
		'办公室 基础教育科 职业教育科 人事科 督导室 财务科',
		'教师资格认定窗口',
		'学籍管理窗口 民办教育审批窗口'
	),
	t(
		'science',
		'{c}科学技术局',
		D,
		bureau,
		'办公室 高新技术科 农村科技科 成果转化科',
		'',
		'科技项目受理窗口'
	),
	t(
		'public-security',
		'{c}公安局',
		L,
		bureau,
		'办公室 政治部 法制科 治安管理科 户政科 出入境管理科 警务保障科',
		'户籍窗口 出入境窗口 车辆登记窗口 驾驶证窗口',
		'无犯罪记录证明窗口 居住证窗口'
	),
	t(
		'civil-affairs',
		'{c}民政局',
		D,
		bureau,
		'办公室 社会救助科 养老服务科 社会组织管理科 区划地名科',
		'婚姻登记窗口',
		'社会救助窗口 社会组织登记窗口'
	),
	t(
		'justice',
		'{c}司法局',
		D,
		bureau,
		'办公室 法治督察科 行政复议科 公共法律服务科 社区矫正科',
		'法律援助窗口',
		'公证服务窗口 人民调解窗口'
	),
	t(
		'finance',
		'{c}财政局',
		D,
		bureau,
		'办公室 预算科 国库科 政府采购科 综合科 会计科',
		'',
		'非税收入窗口 政府采购窗口'
	),
	t(
		'human-resources',
		'{c}人力资源和社会保障局',
		D,
		bureau,
		'办公室 就业促进科 社会保险科 劳动关系科 人才开发科 工资福利科',
		'社保卡办理窗口 就业登记窗口 养老保险窗口',
		'劳动仲裁立案窗口 工伤认定窗口 职业技能鉴定窗口'
	),
	t(
		'natural-resources',
		'{c}自然资源和规划局',
		D,
		bureau,
		'办公室 国土空间规划科 耕地保护科 不动产登记科 地质矿产科 执法监察科',
		'不动产登记窗口 规划许可窗口',
		'不动产抵押登记窗口 测绘成果窗口'
	),
	t(
		'environment',
		'{c}生态环境局',
		L,
		bureau,
		'办公室 环评科 大气环境科 水生态环境科 执法科',
		'环评审批窗口',
		'排污许可窗口'
	),
	t(
		'housing',
		'{c}住房和城乡建设局',
		D,
		bureau,
		'办公室 建筑管理科 房地产市场科 城市建设科 村镇建设科 质量安全科',
		'建筑施工许可窗口 商品房预售许可窗口',
		'房屋交易备案窗口 物业服务窗口'
	),
	t(
		'transport',
		'{c}交通运输局',
		D,
		bureau,
		'办公室 规划科 运输管理科 公路管理科 安全监督科',
		'道路运输证窗口',
		'出租汽车管理窗口 驾驶员培训管理窗口'
	),
	t(
		'water',
		'{c}水务局',
		D,
		bureau,
		'办公室 水资源科 河湖管理科 农村水利科',
		'',
		'取水许可窗口 供水报装窗口'
	),
	t(
		'agriculture',
		'{c}农业农村局',
		D,
		bureau,
		'办公室 种植业科 畜牧兽医科 农村经营管理科 农机科',
		'',
		'农机登记窗口 兽药经营许可窗口'
	),
	t(
		'commerce',
		'{c}商务局',
		D,
		bureau,
		'办公室 对外贸易科 市场建设科 外资科',
		'',
		'对外贸易经营者备案窗口'
	),
	t(
		'culture',
		'{c}文化和旅游局',
		D,
		bureau,
		'办公室 艺术科 公共服务科 旅游发展科 市场管理科',
		'',
		'文化市场许可窗口 旅行社许可窗口'
	),
	t(
		'health',
		'{c}卫生健康委员会',
		D,
		committee,
		'办公室 医政医管科 基层卫生科 疾病预防控制科 妇幼健康科 人口家庭科',
		'医师执业注册窗口 出生医学证明窗口',
		'医疗机构许可窗口 公共场所卫生许可窗口'
	),
	t(
		'veterans',
		'{c}退役军人事务局',
		D,
		bureau,
		'办公室 移交安置科 拥军优抚科 权益维护科',
		'退役军人服务窗口',
		'优抚对象服务窗口'
	),
	t(
		'emergency',
		'{c}应急管理局',
		L,
		bureau,
		'办公室 安全生产综合科 危险化学品科 应急救援科 执法监察科',
		'安全生产许可窗口',
		'危险化学品经营许可窗口'
	),
	t('audit', '{c}审计局', D, bureau, '办公室 财政审计科 经济责任审计科 固定资产投资审计科'),
	t(
		'market',
		'{c}市场监督管理局',
		L,
		bureau,
		'办公室 登记注册科 食品经营科 特种设备科 价格监督检查科 知识产权科 法规科',
		'企业登记窗口 食品经营许可窗口',
		'特种设备登记窗口 知识产权窗口 计量检定窗口'
	),
	t('statistics', '{c}统计局', D, bureau, '办公室 综合科 国民经济核算科 农村统计科'),
	t(
		'medical-insurance',
		'{c}医疗保障局',
		D,
		bureau,
		'办公室 待遇保障科 医药服务管理科 基金监管科',
		'医保登记窗口 医保报销窗口',
		'异地就医备案窗口 门诊慢特病窗口'
	),
	t(
		'petitions',
		'{c}信访局',
		D,
		bureau,
		'办公室 来访接待科 办信科 督查科',
		'来访接待窗口',
		'网上信访受理窗口'
	),
	t(
		'approval',
		'{c}行政审批服务局',
		D,
		bureau,
		'办公室 政务服务科 投资建设审批科 市场准入科 社会事务审批科',
		'综合受理窗口 企业开办窗口 工程建设项目审批窗口',
		'社会事务窗口 帮办代办窗口 出件窗口 跨省通办窗口 投诉受理窗口'
	),
	t(
		'urban-management',
		'{c}城市管理局',
		L,
		bureau,
		'办公室 市容环境科 市政设施科 执法督查科',
		'',
		'占道审批窗口 户外广告审批窗口'
	),
	t('law-enforcement', '{c}综合行政执法局', L, bureau, '办公室 法制科 执法指导科 督查科'),
	t(
		'transport-enforcement',
		'{c}交通运输综合执法支队',
		L,
		['支队长', '副支队长'],
		'办公室 法制科 路政科 运政科',
		'',
		'超限运输许可窗口'
	),
	t(
		'housing-fund',
		'{c}住房公积金管理中心',
		D,
		committee,
		'办公室 归集管理科 贷款管理科 财务科',
		'公积金提取窗口 公积金贷款窗口',
		'公积金缴存窗口'
	),
	t(
		'taxation',
		'国家税务总局{c}税务局',
		D,
		bureau,
		'办公室 征管科技科 纳税服务科 收入核算科 社会保险费科 法制科',
		'办税服务窗口 发票领用窗口',
		'社保费缴纳窗口 出口退税窗口 税务登记窗口'
	),
	t('big-data', '{c}大数据局', D, bureau, '办公室 数据资源科 电子政务科 网络安全科')
];

/** Units every district, county and county-level city has in the demo. */
export const DISTRICT_UNITS_EVERYWHERE: readonly UnitTemplate[] = [
	{
		...t(
			'public-security',
			'{d}公安局',
			L,
			bureau,
			'',
			'户籍窗口',
			'出入境窗口 居住证窗口 车驾管窗口'
		),
		urbanName: '{c}公安局{s}分局'
	}
];

/** Units some districts get on top, drawn by seed until the city reaches its unit count. */
export const DISTRICT_UNITS_SOMETIMES: readonly UnitTemplate[] = [
	t(
		'approval',
		'{d}行政审批服务局',
		D,
		bureau,
		'',
		'综合受理窗口 企业开办窗口',
		'工程建设项目审批窗口 社会事务窗口 帮办代办窗口'
	),
	t('market', '{d}市场监督管理局', L, bureau, '', '企业登记窗口', '食品经营许可窗口'),
	t('human-resources', '{d}人力资源和社会保障局', D, bureau, '', '社保卡办理窗口', '就业登记窗口'),
	t('natural-resources', '{d}自然资源局', D, bureau, '', '不动产登记窗口'),
	t('education', '{d}教育和体育局', D, bureau, '', '', '学籍管理窗口')
];
