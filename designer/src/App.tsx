import { useEffect, useState } from 'react';
import { onUnauthorised } from './api/client';
import { session } from './api/session';
import { Layout } from './app/Layout';
import { useRoute } from './app/navigation';
import { Screen } from './app/Screen';
import { SignIn } from './app/SignIn';

const SESSION_ENDED = 'Your key is no longer accepted (it may have been revoked). Sign in again to continue.';

/**
 * The designer: nothing but the sign-in screen until a management key is verified; then the layout
 * and the screen the URL hash names. Any 401 from the API returns here, to sign-in, on the same URL,
 * so signing in again resumes where the marketer was.
 */
export function App() {
  const [signedIn, setSignedIn] = useState(() => session.key() !== undefined);
  const [notice, setNotice] = useState<string>();
  const route = useRoute();

  useEffect(
    () =>
      onUnauthorised(() => {
        // A key being tried at sign-in is not the session's: its 401 is that form's to explain.
        if (session.key() === undefined) return;
        session.signOut();
        setNotice(SESSION_ENDED);
        setSignedIn(false);
      }),
    [],
  );

  if (!signedIn) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={() => {
          setNotice(undefined);
          setSignedIn(true);
        }}
      />
    );
  }

  return (
    <Layout
      route={route}
      onSignOut={() => {
        session.signOut();
        setNotice('You have signed out.');
        setSignedIn(false);
      }}
    >
      <Screen route={route} />
    </Layout>
  );
}
