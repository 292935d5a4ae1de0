// The only file with side effects: read the environment, open the store, start printing, listen.
import { parseConfig, ConfigError } from './config.ts';
import { describeStore, openStore } from '../data/open-store.ts';
import { createPrinting } from '../printer/index.ts';
import { createApp } from './app.ts';
import { postgresCluster, singleServer } from './cluster.ts';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const log = (line: string) => console.log(line);
  const store = await openStore({ ...config, log });
  log(`store: ${describeStore(config)}`);
  const printing = await createPrinting({ printers: config.printers, paper: config.paper, dataDir: config.dataDir, log, statusPollMs: 30_000 });
  const cluster = config.databaseUrl ? postgresCluster(config.databaseUrl, log) : singleServer;
  const app = await createApp({ store, queue: printing.queue, config, log, virtualPrints: printing.virtual, cluster });
  app.server.listen(config.port, config.host, () => {
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    console.log(`listening on ${base}`);
    if (printing.virtual) console.log(`printer: virtual printer on 127.0.0.1:${printing.virtual.port}, badges saved under ${config.dataDir}/prints`);
    const setup = app.setupToken();
    if (setup) console.log(`setup: no admin yet: open ${base}/setup#${setup} to create the first admin (the link works once)`);
  });
  const stop = async () => {
    await app.close();
    await cluster.close();
    await printing.queue.close();
    await printing.virtual?.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: Error) => {
  console.error(err instanceof ConfigError ? `config: ${err.message}` : `foyer: ${err.message}`);
  process.exit(1);
});
