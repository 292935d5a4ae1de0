// The only file with side effects: read the environment, open the store, start printing, listen.
import { parseConfig, ConfigError } from './config.ts';
import { describeStore, openStore } from '../data/open-store.ts';
import { createPrinting } from '../printer/index.ts';
import { createApp } from './app.ts';
import { postgresCluster, singleServer } from './cluster.ts';
import { createRedirect, loadTls, originOf } from './tls.ts';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const log = (line: string) => console.log(line);
  // Before the store: a certificate that is missing or does not match stops start-up naming its variable.
  const tls = await loadTls(config, log);
  const store = await openStore({ ...config, log });
  log(`store: ${describeStore(config)}`);
  const printing = await createPrinting({ printers: config.printers, paper: config.paper, dataDir: config.dataDir, log, statusPollMs: 30_000 });
  const cluster = config.databaseUrl ? postgresCluster(config.databaseUrl, log) : singleServer;
  const app = await createApp({ store, queue: printing.queue, config, log, virtualPrints: printing.virtual, cluster, tls });
  const redirect = tls && config.redirectPort !== undefined ? createRedirect(() => listeningPort()) : undefined;
  const listeningPort = () => { const a = app.server.address(); return typeof a === 'object' && a ? a.port : config.port; };
  app.server.listen(config.port, config.host, () => {
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const base = tls ? originOf('https', config.host, port) : `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    console.log(`listening on ${base}`);
    if (tls) {
      console.log(`tls: fingerprint SHA-256 ${tls.fingerprint} (${tls.kind === 'self-signed' ? tls.certFile : 'FOYER_TLS_CERT'}); how to trust it on a tablet or PC: ${base}/trust`);
      if (!config.publicUrl) console.log(`tls: FOYER_PUBLIC_URL is not set: host messages carry no answer links; set it to this site's https address as hosts reach it (e.g. https://${tls.names.find((n) => /^\d+\.\d+\.\d+\.\d+$/.test(n) && n !== '127.0.0.1') ?? 'HOST'}:${port})`);
      redirect?.once('error', (e: NodeJS.ErrnoException) => {
        console.error(`config: FOYER_HTTP_PORT=${config.redirectPort}: cannot listen for the plain-HTTP redirect (${e.code ?? e.message}); choose another port or off`);
        process.exit(1);
      });
      redirect?.listen(config.redirectPort, config.host, () => {
        const a = redirect.address();
        console.log(`redirecting ${originOf('http', config.host, typeof a === 'object' && a ? a.port : 0)} to https`);
      });
    }
    if (printing.virtual) console.log(`printer: virtual printer on 127.0.0.1:${printing.virtual.port}, badges saved under ${config.dataDir}/prints`);
    const setup = app.setupToken();
    if (setup) console.log(`setup: no admin yet: open ${base}/setup#${setup} to create the first admin (the link works once)`);
  });
  const stop = async () => {
    await app.close();
    redirect?.closeAllConnections();
    await new Promise((resolve) => (redirect ? redirect.close(resolve) : resolve(undefined)));
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
