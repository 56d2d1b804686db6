import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
// Styles are imported here rather than by components, so that component tests (jest has no CSS
// transform) load the components alone.
import './styles.css';
import './forms/forms.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
