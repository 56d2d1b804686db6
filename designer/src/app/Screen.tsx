import { JourneyScreen, JourneysScreen } from '../journeys/JourneysScreen';
import { LearnerScreen, LearnersScreen } from '../learners/LearnersScreen';
import { SegmentScreen, SegmentsScreen } from '../segments/SegmentsScreen';
import { TemplateScreen, TemplatesScreen } from '../templates/TemplatesScreen';
import type { Route } from './routes';

/** The screen a route names; each screen's folder owns it. */
export function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'journeys':
      return <JourneysScreen />;
    case 'journey':
      // Keyed so that moving between journeys or versions starts the canvas afresh.
      return <JourneyScreen key={`${route.journeyId}:${route.version ?? 'draft'}`} journeyId={route.journeyId} view={route.view} {...(route.version !== undefined ? { version: route.version } : {})} />;
    case 'segments':
      return <SegmentsScreen />;
    case 'segment':
      return <SegmentScreen key={route.segmentId} segmentId={route.segmentId} />;
    case 'templates':
      return <TemplatesScreen />;
    case 'template':
      return <TemplateScreen key={route.templateId} templateId={route.templateId} />;
    case 'learners':
      return <LearnersScreen {...(route.query !== undefined ? { query: route.query } : {})} />;
    case 'learner':
      return <LearnerScreen key={route.learnerId} learnerId={route.learnerId} />;
  }
}
