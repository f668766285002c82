import type {
	CampaignKind,
	Label,
	QuestionKind,
	QuestionScale,
	ScaleOption,
	SubjectKind
} from './campaign-scale';

/**
 * The five kinds of campaign as data. Option values follow the sources in DOMAIN-RULES.md where
 * one exists (NBS 100/80/60/30/0; 好/较好/一般/差 100/80/60/40; 优秀…不称职 1/.8/.6/.3); results may
 * override them per campaign, since the scales are copied onto each campaign's questions.
 */
export interface TemplateQuestion {
	key: string;
	kind: QuestionKind;
	prompt: Label;
	scale: QuestionScale;
	required: boolean;
	reasonRequiredFor: string[];
	appliesTo: SubjectKind[];
	dimension: string | null;
}

export interface TemplateTier {
	key: string;
	name: Label;
	weight: number;
}

export interface CampaignTemplate {
	kind: CampaignKind;
	title: Label;
	secret: boolean;
	/** Kinds of subject staff pick from the reference data (or type in). */
	subjectKinds: SubjectKind[];
	/** Whether the campaign carries one 'overall' subject (form A, a survey, the pick lists). */
	overall: boolean;
	questions: TemplateQuestion[];
	tiers: TemplateTier[];
	settings: Record<string, unknown>;
}

const option = (key: string, zh: string, en: string, value: number | null): ScaleOption => ({
	key,
	label: { zh, en },
	value,
	excluded: false
});
const unknown = (): ScaleOption => ({
	key: 'unknown',
	label: { zh: '不了解', en: "Don't know" },
	value: null,
	excluded: true
});

export const scales = {
	grade4: [
		option('good', '好', 'Good', 100),
		option('fairly_good', '较好', 'Fairly good', 80),
		option('average', '一般', 'Average', 60),
		option('poor', '差', 'Poor', 40)
	],
	satisfied4: [
		option('satisfied', '满意', 'Satisfied', 100),
		option('basically_satisfied', '基本满意', 'Basically satisfied', 70),
		option('dissatisfied', '不满意', 'Dissatisfied', 30),
		unknown()
	],
	approval4: [
		option('approve', '认同', 'Approve', 100),
		option('basically_approve', '基本认同', 'Basically approve', 60),
		option('disapprove', '不认同', 'Disapprove', 0),
		unknown()
	],
	competence4: [
		option('excellent', '优秀', 'Excellent', 100),
		option('competent', '称职', 'Competent', 80),
		option('basically_competent', '基本称职', 'Basically competent', 60),
		option('incompetent', '不称职', 'Incompetent', 30)
	],
	dimension3: [
		option('good', '好', 'Good', 100),
		option('fair', '中', 'Fair', 70),
		option('poor', '差', 'Poor', 30)
	],
	satisfied6: [
		option('very_satisfied', '很满意', 'Very satisfied', 100),
		option('satisfied', '满意', 'Satisfied', 80),
		option('basically_satisfied', '基本满意', 'Basically satisfied', 60),
		option('not_very_satisfied', '不太满意', 'Not very satisfied', 30),
		option('dissatisfied', '不满意', 'Dissatisfied', 0),
		unknown()
	]
} satisfies Record<string, ScaleOption[]>;

function choice(
	key: string,
	zh: string,
	en: string,
	options: ScaleOption[],
	appliesTo: SubjectKind[],
	extra: Partial<TemplateQuestion> = {}
): TemplateQuestion {
	return {
		key,
		kind: 'choice',
		prompt: { zh, en },
		scale: { type: 'choice', options },
		required: true,
		reasonRequiredFor: [],
		appliesTo,
		dimension: null,
		...extra
	};
}

function score(key: string, zh: string, en: string, appliesTo: SubjectKind[]): TemplateQuestion {
	return {
		key,
		kind: 'score',
		prompt: { zh, en },
		scale: { type: 'score', min: 0, max: 100 },
		required: true,
		reasonRequiredFor: [],
		appliesTo,
		dimension: key
	};
}

function freeText(key: string, zh: string, en: string): TemplateQuestion {
	return {
		key,
		kind: 'text',
		prompt: { zh, en },
		scale: { type: 'text', maxLength: 1000 },
		required: false,
		reasonRequiredFor: [],
		appliesTo: ['overall'],
		dimension: null
	};
}

function pick(key: string, zh: string, en: string, other: string): TemplateQuestion {
	return {
		key,
		kind: 'pick',
		prompt: { zh, en },
		scale: { type: 'pick', max: 10, candidateKinds: ['cadre'], disjointFrom: other },
		required: false,
		reasonRequiredFor: [],
		appliesTo: ['overall'],
		dimension: null
	};
}

/** The problem checklist of form A (DOMAIN-RULES §3, jeecg and zt_webapi forms). */
const problemChecklist: ScaleOption[] = [
	option(
		'political_standard',
		'选人用人突出政治标准不够',
		'Political standard not put first',
		null
	),
	option('one_man_rule', '落实民主集中制不到位，存在"个人说了算"', 'One person decides', null),
	option('cronyism', '任人唯亲、搞小圈子', 'Cronyism and cliques', null),
	option('irregular_procedure', '执行政策和程序不规范', 'Irregular policy or procedure', null),
	option(
		'weak_oversight_of_heads',
		'对"一把手"管理监督不够',
		'Weak oversight of top leaders',
		null
	),
	option('canvassing', '跑官要官、拉票贿选', 'Lobbying or buying votes', null),
	option(
		'inspection_fixes',
		'巡视专项检查反馈问题整改不到位',
		'Inspection findings not fixed',
		null
	),
	option('none', '没有突出问题', 'No serious problem', null)
];

const dimensions: [string, string, string][] = [
	['morality', '德', 'Morality'],
	['ability', '能', 'Ability'],
	['diligence', '勤', 'Diligence'],
	['performance', '绩', 'Performance'],
	['integrity', '廉', 'Integrity']
];

const unitEvaluation: CampaignTemplate = {
	kind: 'unit_evaluation',
	title: { zh: '群众评议', en: 'Unit and service-window evaluation' },
	secret: true,
	subjectKinds: ['unit', 'window'],
	overall: false,
	questions: [
		score('conduct', '作风', 'Conduct', ['unit', 'window']),
		score('service', '服务质量', 'Service quality', ['unit', 'window']),
		score('lawful', '依法行政', 'Lawful administration', ['unit', 'window']),
		score('efficiency', '效率', 'Efficiency', ['unit', 'window']),
		score('integrity', '廉政', 'Integrity', ['unit', 'window'])
	],
	tiers: [
		{ key: 'service_users', name: { zh: '服务对象', en: 'Service users' }, weight: 50 },
		{ key: 'jurors', name: { zh: '监督员', en: 'Jurors' }, weight: 25 },
		{ key: 'public', name: { zh: '社会各界', en: 'The public' }, weight: 25 }
	],
	settings: { unitScore: 'mean_of_criteria', denominator: 'valid' }
};

const topBottomTen: CampaignTemplate = {
	kind: 'top_bottom_ten',
	title: { zh: '十佳十差中层干部评议', en: 'Top ten and bottom ten mid-level cadres' },
	secret: true,
	subjectKinds: ['cadre'],
	overall: true,
	questions: [
		pick('best', '十佳（最多选 10 人）', 'Top ten (pick up to 10)', 'worst'),
		pick('worst', '十差（最多选 10 人）', 'Bottom ten (pick up to 10)', 'best')
	],
	tiers: [],
	settings: { denominator: 'submitted' }
};

const appointmentAppraisal: CampaignTemplate = {
	kind: 'appointment_appraisal',
	title: { zh: '一报告两评议', en: 'Appraisal of cadre selection and appointment' },
	secret: true,
	subjectKinds: ['cadre'],
	overall: true,
	questions: [
		choice(
			'a_overall',
			'对本地区干部选拔任用工作的总体评价',
			'Overall selection and appointment work',
			scales.grade4,
			['overall']
		),
		choice(
			'a_supervision',
			'对加强干部全方位管理和经常性监督情况的评价',
			'Management and supervision of cadres',
			scales.grade4,
			['overall']
		),
		choice(
			'a_rectification',
			'对上一年度评议反映问题整改情况的评价',
			"Fixes to last year's findings",
			scales.grade4,
			['overall']
		),
		choice(
			'a_malpractice',
			'对整治用人上不正之风工作的评价',
			'Rectifying malpractice in appointments',
			scales.satisfied4,
			['overall']
		),
		{
			key: 'a_problems',
			kind: 'checklist',
			prompt: {
				zh: '您认为选人用人工作中存在的突出问题（可多选）',
				en: 'Serious problems you see (tick any)'
			},
			scale: { type: 'checklist', options: problemChecklist, noneKey: 'none' },
			required: false,
			reasonRequiredFor: [],
			appliesTo: ['overall'],
			dimension: null
		},
		freeText(
			'a_suggest_work',
			'对干部选拔任用工作的意见建议',
			'Suggestions on cadre selection work'
		),
		freeText(
			'a_suggest_process',
			'对开展"一报告两评议"工作的意见建议',
			'Suggestions on this appraisal itself'
		),
		choice(
			'b_approval',
			'对新选拔任用干部的评价',
			'Your view of this newly appointed cadre',
			scales.approval4,
			['cadre'],
			{ reasonRequiredFor: ['disapprove'] }
		)
	],
	tiers: [
		{ key: 'a', name: { zh: 'A 票：全委会成员', en: 'A: full committee members' }, weight: 0 },
		{
			key: 'b',
			name: { zh: 'B 票：同级领导班子成员', en: 'B: leaders of the same level' },
			weight: 0
		},
		{
			key: 'c',
			name: { zh: 'C 票：部门和下级负责人', en: 'C: heads of departments and below' },
			weight: 0
		}
	],
	// Results are tabulated per ballot type (票类), not weighted together.
	settings: { tierWeighting: false, satisfiedRate: ['satisfied', 'basically_satisfied'] }
};

const democraticAssessment: CampaignTemplate = {
	kind: 'democratic_assessment',
	title: { zh: '民主测评', en: 'Democratic assessment' },
	secret: true,
	subjectKinds: ['cadre', 'team'],
	overall: false,
	questions: [
		choice('overall_grade', '总体评价', 'Overall grade', scales.competence4, ['cadre', 'team']),
		...dimensions.map(([key, zh, en]) =>
			choice(key, zh, en, scales.dimension3, ['cadre', 'team'], { dimension: zh })
		)
	],
	tiers: [
		{ key: 'leaders', name: { zh: '领导', en: 'Leaders' }, weight: 25 },
		{ key: 'peers', name: { zh: '同级', en: 'Peers' }, weight: 25 },
		{ key: 'staff', name: { zh: '干部职工', en: 'Staff' }, weight: 25 },
		{ key: 'grassroots', name: { zh: '基层代表', en: 'Grassroots representatives' }, weight: 25 }
	],
	settings: { threshold: { operand: ['incompetent'], comparison: '>', num: 1, den: 3 } }
};

const satisfactionSurvey: CampaignTemplate = {
	kind: 'satisfaction_survey',
	title: { zh: '组织工作满意度调查', en: 'Satisfaction with organization work' },
	secret: true,
	subjectKinds: [],
	overall: true,
	questions: [
		choice('org_work', '您对组织工作的总体评价', 'Organization work overall', scales.satisfied6, [
			'overall'
		]),
		choice(
			'org_staff_image',
			'您对组工干部形象的评价',
			'Image of organization staff',
			scales.satisfied6,
			['overall']
		),
		choice(
			'selection',
			'您对干部选拔任用工作的评价',
			'Cadre selection and appointment',
			scales.satisfied6,
			['overall']
		),
		choice(
			'malpractice',
			'您对防止和纠正用人上不正之风工作的评价',
			'Preventing malpractice in appointments',
			scales.satisfied6,
			['overall']
		)
	],
	tiers: [],
	settings: { formula: 'nbs_weighted', excluded: ['unknown'] }
};

export const templateList: readonly CampaignTemplate[] = [
	unitEvaluation,
	topBottomTen,
	appointmentAppraisal,
	democraticAssessment,
	satisfactionSurvey
];

export function getTemplate(kind: CampaignKind): CampaignTemplate {
	const template = templateList.find((t) => t.kind === kind);
	if (!template) throw new Error(`no template for ${kind}`);
	return template;
}
