import { journeyRunId } from './runIds';

describe('journeyRunId', () => {
  test('names the journey and learner, and the key when there is one', () => {
    expect(journeyRunId({ journeyId: 'onboarding', learnerId: 'l_123' })).toBe('journey-onboarding-l_123');
    expect(journeyRunId({ journeyId: 'onboarding', learnerId: 'l_123', key: 'course-42.v2' })).toBe('journey-onboarding-l_123-course-42.v2');
  });

  test('treats an empty key as none', () => {
    expect(journeyRunId({ journeyId: 'onboarding', learnerId: 'l_123', key: '' })).toBe('journey-onboarding-l_123');
  });

  test('replaces unsafe characters and keeps keys that differ apart', () => {
    const slash = journeyRunId({ journeyId: 'onboarding', learnerId: 'l', key: 'intro/python' });
    const space = journeyRunId({ journeyId: 'onboarding', learnerId: 'l', key: 'intro python' });
    expect(slash).toMatch(/^journey-onboarding-l-intro_python_[0-9a-f]{8}$/);
    expect(space).toMatch(/^journey-onboarding-l-intro_python_[0-9a-f]{8}$/);
    expect(slash).not.toBe(space);
  });

  test('shortens keys to 64 characters', () => {
    const long = 'x'.repeat(100);
    const key = journeyRunId({ journeyId: 'j', learnerId: 'l', key: long }).slice('journey-j-l-'.length);
    expect(key).toHaveLength(64);
    expect(key).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(journeyRunId({ journeyId: 'j', learnerId: 'l', key: 'y'.repeat(64) })).toBe(`journey-j-l-${'y'.repeat(64)}`);
  });

  test('is deterministic', () => {
    expect(journeyRunId({ journeyId: 'j', learnerId: 'l', key: 'Kurs für Anfänger' })).toBe(journeyRunId({ journeyId: 'j', learnerId: 'l', key: 'Kurs für Anfänger' }));
  });
});
