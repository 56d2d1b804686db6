import net from 'node:net';
import { assertPortFree, findFreePort, PortInUseError } from '../../stack/services/ports';

describe('port checks', () => {
  it('names the port, its purpose and the variable that moves it when the port is taken', async () => {
    const port = await findFreePort();
    const server = net.createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const failure = assertPortFree(port, 'Temporal frontend', 'TEMPORAL_PORT');
      await expect(failure).rejects.toBeInstanceOf(PortInUseError);
      await expect(failure).rejects.toThrow(`Port ${port} (Temporal frontend) is already in use`);
      await expect(failure).rejects.toThrow('TEMPORAL_PORT');
    } finally {
      server.close();
    }
  });

  it('passes for a free port', async () => {
    await expect(assertPortFree(await findFreePort(), 'anything', 'ANY_PORT')).resolves.toBeUndefined();
  });
});
