/**
 * Seniority and department from a free-text job title, by keyword rules. English titles only;
 * the first matching rule wins, so rules are ordered from the most to the least specific.
 */
export const seniorities = ['entry', 'individual contributor', 'manager', 'director', 'vp', 'c-level', 'founder', 'student', 'unknown'] as const;
export type Seniority = (typeof seniorities)[number];

export const departments = ['engineering', 'design', 'marketing', 'sales', 'product', 'data', 'education', 'operations', 'finance', 'hr', 'support', 'other'] as const;
export type Department = (typeof departments)[number];

export interface JobTitleClass {
  seniority: Seniority;
  department: Department;
}

/** Abbreviations written out, so rules list each word once. */
const abbreviations: Record<string, string> = {
  acct: 'account',
  asst: 'assistant',
  avp: 'vp',
  cofounder: 'co founder',
  dev: 'developer',
  dir: 'director',
  eng: 'engineer',
  evp: 'vp',
  exec: 'executive',
  jr: 'junior',
  mgr: 'manager',
  mktg: 'marketing',
  ops: 'operations',
  sr: 'senior',
  svp: 'vp',
  swe: 'software engineer',
};

/** Lower-case words separated by single spaces and padded, so ` phrase ` matches whole words. */
function words(title: string): string {
  const tokens = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter((token) => token !== '')
    .map((token) => abbreviations[token] ?? token);
  return ` ${tokens.join(' ')} `;
}

const has = (text: string, phrases: string[]) => phrases.some((phrase) => text.includes(` ${phrase} `));

const seniorityRules: [Seniority, string[]][] = [
  // Phrases that contain a rank word without meaning that rank.
  ['individual contributor', ['product owner', 'lead generation']],
  ['founder', ['founder', 'co founder', 'owner']],
  ['c-level', ['ceo', 'cto', 'cfo', 'coo', 'cmo', 'cio', 'cpo', 'cdo', 'cro', 'ciso', 'chro', 'chief']],
  ['vp', ['vp', 'vice president']],
  // After "vice president": a president is the top of the organisation.
  ['c-level', ['president']],
  ['director', ['director', 'head', 'school principal', 'headteacher', 'headmaster', 'headmistress', 'dean', 'superintendent']],
  ['manager', ['manager', 'lead', 'leader', 'supervisor', 'foreman']],
  ['student', ['student', 'undergraduate', 'undergrad', 'phd candidate', 'pupil', 'learner']],
  // Before the entry rule, whose "assistant" would otherwise claim assistant professors.
  ['individual contributor', ['professor', 'lecturer']],
  ['entry', ['intern', 'internship', 'trainee', 'apprentice', 'junior', 'entry level', 'graduate', 'assistant']],
];

// A title that names a profession but no rank is an individual contributor ("Teacher", "Senior Designer").
const professionWords = [
  'accountant', 'administrator', 'advisor', 'agent', 'analyst', 'architect', 'associate', 'auditor', 'consultant',
  'coordinator', 'copywriter', 'designer', 'developer', 'editor', 'educator', 'engineer', 'executive', 'freelancer',
  'instructor', 'nurse', 'officer', 'partner', 'principal', 'programmer', 'recruiter', 'representative', 'researcher',
  'scientist', 'senior', 'specialist', 'staff', 'strategist', 'teacher', 'technician', 'trainer', 'tutor', 'writer',
];

const departmentRules: [Department, string[]][] = [
  // Officer titles name their department outright.
  ['engineering', ['cto', 'cio', 'ciso']],
  ['marketing', ['cmo']],
  ['finance', ['cfo']],
  ['operations', ['coo']],
  ['hr', ['chro']],
  ['product', ['cpo']],
  ['data', ['cdo']],
  ['sales', ['cro']],
  ['data', ['data', 'analytics', 'machine learning', 'ml', 'ai', 'business intelligence', 'bi', 'statistician']],
  // Before "designer" and "marketing": these are teaching jobs.
  ['education', ['instructional', 'curriculum', 'teacher', 'teaching', 'tutor', 'lecturer', 'professor', 'educator', 'instructor', 'headteacher', 'headmaster', 'headmistress', 'dean', 'school', 'academic', 'faculty', 'student', 'undergraduate', 'pupil']],
  ['marketing', ['marketing', 'marketer', 'growth', 'brand', 'content', 'seo', 'sem', 'social media', 'communications', 'pr', 'public relations', 'copywriter', 'demand generation', 'community', 'lead generation']],
  ['sales', ['sales', 'account executive', 'account manager', 'business development', 'bdr', 'sdr', 'partnerships', 'revenue']],
  ['design', ['designer', 'design', 'ux', 'ui', 'user experience', 'creative', 'illustrator', 'graphic', 'art director']],
  ['product', ['product']],
  ['support', ['support', 'customer success', 'customer service', 'help desk', 'helpdesk', 'service desk', 'customer experience']],
  ['engineering', ['engineer', 'engineering', 'developer', 'programmer', 'software', 'devops', 'sre', 'architect', 'it', 'qa', 'tester', 'frontend', 'backend', 'full stack', 'fullstack', 'web', 'sysadmin', 'tech', 'technical', 'technology']],
  ['finance', ['finance', 'financial', 'accountant', 'accounting', 'controller', 'treasurer', 'auditor', 'bookkeeper', 'tax', 'payroll']],
  ['hr', ['hr', 'human resources', 'people', 'recruiter', 'recruiting', 'talent']],
  ['operations', ['operations', 'operating', 'logistics', 'supply chain', 'procurement', 'office', 'project manager', 'program manager', 'administrator']],
];

function seniorityOf(text: string): Seniority {
  const rule = seniorityRules.find(([, phrases]) => has(text, phrases));
  if (rule) return rule[0];
  const recognisedDepartment = departmentOf(text) !== 'other';
  return recognisedDepartment || has(text, professionWords) ? 'individual contributor' : 'unknown';
}

function departmentOf(text: string): Department {
  return departmentRules.find(([, phrases]) => has(text, phrases))?.[0] ?? 'other';
}

/** "Sr. Software Engineer" → individual contributor / engineering; "VP Marketing" → vp / marketing. */
export function classifyJobTitle(title: string): JobTitleClass {
  const text = words(title);
  return { seniority: seniorityOf(text), department: departmentOf(text) };
}
