import type { Traits } from '../domain/learners';
import { seededRandom, type Random } from './random';

export interface DemoLearner {
  learnerId: string;
  userId: string;
  email: string;
  traits: Traits;
  createdAt: Date;
}

export interface DemoEvent {
  messageId: string;
  learnerId: string;
  name: string;
  courseId?: string;
  properties: Record<string, string | number | boolean>;
  timestamp: Date;
}

export const demoCourses = [
  { id: 'ux-foundations', title: 'UX Foundations', price: 149, lessons: 12 },
  { id: 'data-analytics', title: 'Data Analytics with SQL', price: 199, lessons: 16 },
  { id: 'python-basics', title: 'Python for Beginners', price: 99, lessons: 10 },
  { id: 'copywriting', title: 'Copywriting that Converts', price: 129, lessons: 8 },
] as const;

const firstNames = ['Ada', 'Ben', 'Chloé', 'Dev', 'Elena', 'Farah', 'Goran', 'Hana', 'Iris', 'Jonas', 'Keiko', 'Luca', 'Maya', 'Nils', 'Olu', 'Priya', 'Quinn', 'Rosa', 'Sami', 'Tomás', 'Uma', 'Vera', 'Wei', 'Yara', 'Zoe'];
const lastNames = ['Okafor', 'Schmidt', 'Dubois', 'Patel', 'García', 'Haddad', 'Novak', 'Sato', 'Lindqvist', 'Moreau', 'Kowalski', 'Rossi', 'Chen', 'Silva', 'Murphy', 'Nakamura'];
const places = [
  { country: 'US', timezone: 'America/New_York', city: 'New York', locale: 'en-US' },
  { country: 'US', timezone: 'America/Los_Angeles', city: 'San Francisco', locale: 'en-US' },
  { country: 'GB', timezone: 'Europe/London', city: 'London', locale: 'en-GB' },
  { country: 'DE', timezone: 'Europe/Berlin', city: 'Berlin', locale: 'de-DE' },
  { country: 'FR', timezone: 'Europe/Paris', city: 'Lyon', locale: 'fr-FR' },
  { country: 'IN', timezone: 'Asia/Kolkata', city: 'Bengaluru', locale: 'en-IN' },
  { country: 'BR', timezone: 'America/Sao_Paulo', city: 'São Paulo', locale: 'pt-BR' },
  { country: 'JP', timezone: 'Asia/Tokyo', city: 'Tokyo', locale: 'ja-JP' },
  { country: 'AU', timezone: 'Australia/Sydney', city: 'Sydney', locale: 'en-AU' },
] as const;
const jobTitles = ['Product Designer', 'Marketing Manager', 'Software Engineer', 'Data Analyst', 'Founder', 'Student', 'Teacher', 'Copywriter'];

/** Who a demo learner is, which decides the shape of their history. */
const personas = [
  { name: 'browsing prospect', weight: 30 },
  { name: 'engaged prospect', weight: 15 },
  { name: 'new lead', weight: 10 },
  { name: 'active student', weight: 20 },
  { name: 'at-risk student', weight: 12 },
  { name: 'graduate', weight: 8 },
  { name: 'refunded', weight: 5 },
] as const;
type Persona = (typeof personas)[number]['name'];

function pickPersona(random: Random): Persona {
  let roll = random.int(1, personas.reduce((sum, persona) => sum + persona.weight, 0));
  for (const persona of personas) {
    roll -= persona.weight;
    if (roll <= 0) return persona.name;
  }
  return 'browsing prospect';
}

const DAY = 86_400_000;

/**
 * A workspace of synthetic learners with plausible histories over the last 60 days: prospects browsing
 * course pages and opening emails, leads downloading a guide, students enrolling, logging in, finishing
 * lessons and quizzes, some going quiet (at risk), graduating, or refunding.
 */
export function generateDemoWorkspace(options: { learners: number; now: Date; seed?: number }) {
  const random = seededRandom(options.seed ?? 20261128);
  const now = options.now.getTime();
  const learners: DemoLearner[] = [];
  const events: DemoEvent[] = [];

  for (let index = 0; index < options.learners; index += 1) {
    const learnerId = `demo-learner-${String(index + 1).padStart(4, '0')}`;
    const firstName = random.pick(firstNames);
    const lastName = random.pick(lastNames);
    const place = random.pick(places);
    const persona = pickPersona(random);
    const course = random.pick(demoCourses);
    const joinedAt = now - random.int(10, 60) * DAY - random.int(0, DAY);
    const email = `${firstName}.${lastName}.${index + 1}@example.com`
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
    learners.push({
      learnerId,
      userId: `user-${index + 1}`,
      email,
      createdAt: new Date(joinedAt),
      traits: {
        name: `${firstName} ${lastName}`,
        firstName,
        lastName,
        email,
        country: place.country,
        city: place.city,
        timezone: place.timezone,
        locale: place.locale,
        jobTitle: random.pick(jobTitles),
        persona,
      },
    });

    let sequence = 0;
    const add = (name: string, at: number, properties: DemoEvent['properties'] = {}, courseId?: string) => {
      if (at > now) return;
      sequence += 1;
      events.push({ messageId: `${learnerId}-${String(sequence).padStart(3, '0')}`, learnerId, name, courseId, properties, timestamp: new Date(at) });
    };
    const recent = (maxDaysAgo: number) => now - random.int(0, maxDaysAgo * 24) * 3_600_000;

    add('Signed Up', joinedAt, { method: random.pick(['email', 'google']) });
    const pageViews = persona === 'engaged prospect' ? random.int(4, 8) : random.int(1, 4);
    for (let view = 0; view < pageViews; view += 1) {
      const at = persona === 'engaged prospect' ? recent(6) : joinedAt + random.int(0, 20) * DAY;
      add('Course Page Viewed', at, { path: `/courses/${course.id}`, title: course.title }, course.id);
    }
    const opens = persona === 'engaged prospect' ? random.int(2, 5) : random.int(0, 3);
    for (let open = 0; open < opens; open += 1) {
      add('Email Opened', persona === 'engaged prospect' ? recent(6) : joinedAt + random.int(1, 30) * DAY, { messageId: `newsletter-${random.int(1, 8)}` });
    }
    if (persona === 'new lead' || random.chance(0.2)) {
      add('Lead Magnet Downloaded', persona === 'new lead' ? recent(25) : joinedAt + DAY, { asset: `${course.id}-starter-guide.pdf` }, course.id);
    }
    if (persona === 'browsing prospect' || persona === 'engaged prospect' || persona === 'new lead') continue;

    const enrolledAt = joinedAt + random.int(1, 5) * DAY;
    add('Order Completed', enrolledAt - 60_000, { orderId: `order-${index + 1}`, revenue: course.price, currency: 'USD' }, course.id);
    add('Enrolled', enrolledAt, { courseTitle: course.title }, course.id);
    const lastActive = persona === 'at-risk student' ? now - random.int(8, 20) * DAY : recent(3);
    const lessonsDone = persona === 'graduate' ? course.lessons : random.int(1, course.lessons - 1);
    const activeSpan = Math.max(lastActive - enrolledAt, DAY);
    for (let lesson = 1; lesson <= lessonsDone; lesson += 1) {
      const at = enrolledAt + Math.round((activeSpan * lesson) / lessonsDone);
      add('Logged In', at - 600_000);
      add('Lesson Completed', at, { lessonId: `${course.id}-lesson-${lesson}`, lessonNumber: lesson }, course.id);
      if (lesson % 4 === 0) {
        const score = random.int(45, 100);
        add('Quiz Attempted', at + 300_000, { quizId: `${course.id}-quiz-${lesson / 4}`, score, passed: score >= 70 }, course.id);
        add('Module Completed', at + 400_000, { moduleNumber: lesson / 4 }, course.id);
      }
    }
    if (persona === 'graduate') add('Course Completed', lastActive + 900_000, { courseTitle: course.title }, course.id);
    if (persona === 'refunded') add('Refunded', enrolledAt + random.int(2, 9) * DAY, { orderId: `order-${index + 1}`, revenue: course.price, currency: 'USD' }, course.id);
  }
  return { learners, events };
}
