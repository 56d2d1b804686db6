/**
 * The designer's screens, addressed by the URL hash (`#/journeys/onboarding`), so the API can serve the
 * app from one page and every screen has a link. Each screen's folder owns its components.
 */
export type Route =
  | { screen: 'journeys' }
  | { screen: 'journey'; journeyId: string; version?: number; view: 'edit' | 'live' }
  | { screen: 'segments' }
  | { screen: 'segment'; segmentId: string | 'new' }
  | { screen: 'templates' }
  | { screen: 'template'; templateId: string | 'new' }
  | { screen: 'learners'; query?: string }
  | { screen: 'learner'; learnerId: string };

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(search);
  switch (parts[0]) {
    case 'journeys':
      if (!parts[1]) return { screen: 'journeys' };
      return { screen: 'journey', journeyId: parts[1], view: parts[2] === 'live' ? 'live' : 'edit', ...(parts[2] === 'versions' && parts[3] ? { version: Number(parts[3]) } : {}) };
    case 'segments':
      return parts[1] ? { screen: 'segment', segmentId: parts[1] } : { screen: 'segments' };
    case 'templates':
      return parts[1] ? { screen: 'template', templateId: parts[1] } : { screen: 'templates' };
    case 'learners':
      return parts[1] ? { screen: 'learner', learnerId: parts[1] } : { screen: 'learners', ...(params.get('q') ? { query: params.get('q')! } : {}) };
    default:
      return { screen: 'journeys' };
  }
}

export function hrefOf(route: Route): string {
  const id = encodeURIComponent;
  switch (route.screen) {
    case 'journeys':
      return '#/journeys';
    case 'journey':
      return route.version !== undefined ? `#/journeys/${id(route.journeyId)}/versions/${route.version}` : `#/journeys/${id(route.journeyId)}${route.view === 'live' ? '/live' : ''}`;
    case 'segments':
      return '#/segments';
    case 'segment':
      return `#/segments/${id(route.segmentId)}`;
    case 'templates':
      return '#/templates';
    case 'template':
      return `#/templates/${id(route.templateId)}`;
    case 'learners':
      return route.query ? `#/learners?q=${id(route.query)}` : '#/learners';
    case 'learner':
      return `#/learners/${id(route.learnerId)}`;
  }
}
