import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import { hrefOf, type Route } from './routes';
import { SystemStatusIndicator } from './SystemStatusIndicator';

type Section = 'journeys' | 'segments' | 'templates' | 'learners';

const sections: { section: Section; label: string; icon: ReactNode }[] = [
  {
    section: 'journeys',
    label: 'Journeys',
    icon: <path d="M6 19a2 2 0 1 0 0-4 2 2 0 0 0 0 4Zm12-10a2 2 0 1 0 0-4 2 2 0 0 0 0 4ZM6 15V9a4 4 0 0 1 4-4h6M18 9v6a4 4 0 0 1-4 4H8" />,
  },
  {
    section: 'segments',
    label: 'Segments',
    icon: <path d="M12 3a9 9 0 1 0 9 9h-9V3Zm3 0v6h6a6 6 0 0 0-6-6Z" />,
  },
  {
    section: 'templates',
    label: 'Templates',
    icon: <path d="M4 6h16v12H4zM4 7l8 6 8-6" />,
  },
  {
    section: 'learners',
    label: 'Learners',
    icon: <path d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 8a7 7 0 0 1 14 0" />,
  },
];

/** The sidebar section a route belongs to: a journey's screen is under Journeys, and so on. */
export function sectionOf(route: Route): Section {
  switch (route.screen) {
    case 'journeys':
    case 'journey':
      return 'journeys';
    case 'segments':
    case 'segment':
      return 'segments';
    case 'templates':
    case 'template':
      return 'templates';
    case 'learners':
    case 'learner':
      return 'learners';
  }
}

const titles: Record<Section, string> = { journeys: 'Journeys', segments: 'Segments', templates: 'Templates', learners: 'Learners' };

/** The signed-in frame: skip link, sidebar navigation, system status, sign-out, and the screen. */
export function Layout({ route, onSignOut, children }: { route: Route; onSignOut: () => void; children: ReactNode }) {
  const main = useRef<HTMLElement>(null);
  const active = sectionOf(route);
  const routeKey = hrefOf(route);
  const firstRender = useRef(true);

  useEffect(() => {
    document.title = `${titles[active]} · Course journeys`;
  }, [active]);

  useEffect(() => {
    // After navigating, keyboard and screen-reader users continue in the new screen, not in the sidebar.
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [routeKey]);

  // With hash routing, href="#main" would be read as a route: move focus without touching the hash.
  const skipToMain = (event: MouseEvent) => {
    event.preventDefault();
    main.current?.focus();
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to main content
      </a>
      <aside className="sidebar">
        <p className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{' '}
          Course journeys
        </p>
        <nav aria-label="Main">
          <ul className="nav-list">
            {sections.map(({ section, label, icon }) => (
              <li key={section}>
                <a className="nav-link" href={hrefOf({ screen: section })} aria-current={section === active ? 'page' : undefined}>
                  <svg className="nav-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    {icon}
                  </svg>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-footer">
          <SystemStatusIndicator />
          <a className="sidebar-link" href="/docs" target="_blank" rel="noreferrer">
            API documentation<span className="visually-hidden"> (opens in a new tab)</span>
          </a>
          <button type="button" className="button-quiet" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </aside>
      <main id="main" ref={main} tabIndex={-1} className="content">
        {children}
      </main>
    </div>
  );
}
