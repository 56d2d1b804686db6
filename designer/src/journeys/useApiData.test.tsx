/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, render, screen } from '@testing-library/react';
import { api } from '../api/client';
import { useApiData } from './useApiData';

jest.mock('../api/client', () => {
  const actual: object = jest.requireActual('../api/client');
  return { ...actual, api: { get: jest.fn() } };
});

const get = api.get as jest.Mock;
afterEach(() => jest.resetAllMocks());

/** Answers each GET when the test says so, in any order. */
function pendingAnswers() {
  const pending: { path: string; answer: (value: unknown) => void }[] = [];
  get.mockImplementation((path: string) => new Promise((resolve) => pending.push({ path, answer: resolve })));
  return pending;
}

function Counts({ path, refresh }: { path: string; refresh: number }) {
  const counts = useApiData<{ count: number }>(path, refresh);
  return <p>{counts.state === 'loaded' ? `count ${counts.data.count}` : counts.state}</p>;
}

describe('useApiData', () => {
  it('shows an answer slower than the refresh interval, and asks again only once it is back', async () => {
    const pending = pendingAnswers();
    const { rerender } = render(<Counts path="/api/counts" refresh={0} />);
    // Two refreshes come due while the first request is out: no second request is sent meanwhile.
    rerender(<Counts path="/api/counts" refresh={1} />);
    rerender(<Counts path="/api/counts" refresh={2} />);
    expect(get).toHaveBeenCalledTimes(1);

    await act(async () => pending[0]!.answer({ count: 1 }));
    expect(screen.getByText('count 1')).toBeInTheDocument();
    // The refresh that came due is sent now, and its answer shown.
    expect(get).toHaveBeenCalledTimes(2);
    await act(async () => pending[1]!.answer({ count: 2 }));
    expect(screen.getByText('count 2')).toBeInTheDocument();
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('drops the answer for a path the screen has left', async () => {
    const pending = pendingAnswers();
    const { rerender } = render(<Counts path="/api/journeys/a/counts" refresh={0} />);
    rerender(<Counts path="/api/journeys/b/counts" refresh={0} />);
    expect(get.mock.calls.map(([path]) => path)).toEqual(['/api/journeys/a/counts', '/api/journeys/b/counts']);

    await act(async () => pending[1]!.answer({ count: 20 }));
    await act(async () => pending[0]!.answer({ count: 10 }));
    expect(screen.getByText('count 20')).toBeInTheDocument();
    expect(screen.queryByText('count 10')).not.toBeInTheDocument();
  });
});
