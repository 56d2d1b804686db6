import type { TemplateInput } from '../domain/messages/templates';

const page = (body: string) => `<div style="font-family: sans-serif; max-width: 560px">${body}<p style="color:#666">— The Course Journeys team</p></div>`;

/**
 * The demo journeys' emails, personalised with Liquid: the welcome mail has a French translation (demo
 * learners in Lyon have locale fr-FR), the offer a hero block that highly engaged prospects see
 * differently, the re-engagement mail recalls the learner's last step.
 */
export const demoTemplates: (TemplateInput & { id: string })[] = [
  {
    id: 'onboarding-welcome',
    name: 'Onboarding: welcome',
    subject: 'Welcome to your course, {{ learner.firstName | default: "there" }}!',
    html: page('<h1>Welcome aboard, {{ learner.firstName | default: "friend" }}!</h1><p>Your course is ready. Start with the first lesson — it takes ten minutes.</p><p><a href="https://example.com/courses/{{ event.courseId }}">Open the course</a></p>'),
    locale: 'en',
    locales: {
      fr: {
        subject: 'Bienvenue dans votre cours, {{ learner.firstName | default: "à vous" }} !',
        html: page('<h1>Bienvenue, {{ learner.firstName | default: "à vous" }} !</h1><p>Votre cours est prêt. Commencez par la première leçon — dix minutes suffisent.</p><p><a href="https://example.com/courses/{{ event.courseId }}">Ouvrir le cours</a></p>'),
      },
    },
  },
  {
    id: 'onboarding-tips',
    name: 'Onboarding: study tips',
    subject: '3 tips to get the most from your course',
    html: page('<p>Hi {{ learner.firstName | default: "there" }},</p><ol><li>Block 20 minutes a day.</li><li>Do the quizzes — they stick.</li><li>Ask questions in the community.</li></ol>'),
  },
  {
    id: 'onboarding-progress',
    name: 'Onboarding: progress nudge',
    subject: "You're making progress, {{ learner.firstName | default: 'there' }}",
    html: page('<p>Hi {{ learner.firstName | default: "there" }},</p><p>Pick up where you left off — the next lesson is waiting.</p>'),
  },
  {
    id: 'upsell-offer',
    name: 'Upsell: offer',
    subject: '{{ learner.firstName | default: "Hi" }}, 20% off the full programme this week',
    html: page('<h2>{{ blocks.offer.headline }}</h2><p>You have been exploring our courses — here is 20% off the full programme until Sunday.</p><p><a href="{{ blocks.offer.ctaUrl }}">{{ blocks.offer.ctaLabel }}</a></p>'),
    blocks: {
      offer: {
        variants: [
          {
            segmentId: 'highly-engaged-prospects',
            headline: 'You keep coming back to {{ interests | first | default: "our courses" }} — start today',
            ctaLabel: 'Claim 20% and enrol',
            ctaUrl: 'https://example.com/pricing?plan=full',
          },
        ],
        default: { headline: 'The full programme, 20% off', ctaLabel: 'See the offer', ctaUrl: 'https://example.com/pricing' },
      },
    },
  },
  {
    id: 'upsell-reminder',
    name: 'Upsell: reminder',
    subject: 'Your 20% discount ends soon',
    html: page('<p>Hi {{ learner.firstName | default: "there" }}, a last reminder: the discount ends on Sunday.</p>'),
  },
  {
    id: 'reengage-reminder',
    name: 'Re-engagement: we miss you',
    subject: 'We miss you, {{ learner.firstName | default: "there" }}',
    html: page('<p>It has been a week since your last visit.{% if activity.last %} Your last step: {{ activity.last.name | downcase }}.{% endif %} Your next lesson takes only 10 minutes.</p><p><a href="https://example.com/login">Continue learning</a></p>'),
  },
  {
    id: 'reengage-support',
    name: 'Re-engagement: can we help?',
    subject: 'Can we help you get back on track?',
    html: page('<p>Hi {{ learner.firstName | default: "there" }}, reply to this email and a tutor will help you plan your next steps.</p>'),
  },
];
