import { SandboxEnvError, sandboxOptionsFromEnv } from './env-options.js';
import { startSandbox } from './index.js';

/** `npm run sandbox`: serves the sandbox alone until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let options: ReturnType<typeof sandboxOptionsFromEnv>;
  try {
    options = sandboxOptionsFromEnv(process.env);
  } catch (error) {
    if (error instanceof SandboxEnvError) {
      console.error(`sandbox: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const sandbox = await startSandbox(options);
  console.log(`Membrane sandbox listening on ${sandbox.url}`);
  console.log(`Admin token:  ${sandbox.tokens.admin}`);
  console.log(`Tenant token: ${sandbox.tokens.tenant}`);
  console.log(
    `Try: curl -H "Authorization: Bearer ${sandbox.tokens.admin}" '${sandbox.url}/flows?limit=2'`,
  );
  const stop = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('sandbox: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
