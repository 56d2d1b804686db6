// The journey screens as the shell imports them. The styles are imported here, not in the components,
// so component tests (which cannot load CSS) import the components directly.
import '@xyflow/react/dist/style.css';
import './journeys.css';
import { JourneysList } from './JourneysList';

export { JourneyScreen } from './JourneyScreen';

/** The list of journeys: status, create new, import from a JSON file. */
export function JourneysScreen() {
  return <JourneysList />;
}
