import { exampleJourneys } from '../../../domain/journeys/examples';
import { exportFileName, exportJourney, importedId, parseJourneyFile } from './transfer';

describe('journey files', () => {
  it('exports a journey that imports back to the same journey', () => {
    for (const example of exampleJourneys) {
      const text = exportJourney(example);
      const imported = parseJourneyFile(text);
      expect(imported).toEqual({ ok: true, journey: { id: example.id, name: example.name, description: example.description, graph: example.graph } });
    }
    expect(exportFileName('onboarding')).toBe('journey-onboarding.json');
  });

  it('names what is wrong with a file that is not a journey', () => {
    expect(parseJourneyFile('{ nope')).toEqual({ ok: false, errors: [expect.stringMatching(/^The file is not JSON/)] });
    const wrong = parseJourneyFile(JSON.stringify({ name: '', graph: { nodes: [{ id: 'x', type: 'teleport', position: { x: 0, y: 0 }, settings: {} }], edges: [] } }));
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.errors.some((error) => error.startsWith('name:'))).toBe(true);
      expect(wrong.errors.some((error) => error.startsWith('graph.nodes.0'))).toBe(true);
    }
  });

  it('numbers the id of an import whose id is taken', () => {
    expect(importedId('onboarding', 1)).toBe('onboarding-2');
  });
});
