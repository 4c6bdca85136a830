/**
 * A stand-in for Apollo's `rover` CLI that does `rover dev` only, with Zhongtai's router (see session.ts).
 * The real rover downloads its binary, and rover dev downloads Apollo Router, at run time; neither
 * can be fetched here. bin/rover loads this file; tests/compat/run.sh puts bin/ first on PATH.
 */
import { runDev } from './session.ts';

// The version the compatibility suite (1.2.1) asks for; the stand-in copies its `dev` flags.
const VERSION = '0.12.2';
const USAGE = `Usage: rover dev --name <subgraph> --url <url> [--schema <file>] [--router-config <file>] [--supergraph-port <port>]

This is Zhongtai's stand-in for Apollo's rover (tests/compat): it implements \`rover dev\` only.`;

const [command, ...args] = process.argv.slice(2);
if (command === '--version' || command === '-V') {
  console.log(`rover ${VERSION} (Zhongtai stand-in)`);
} else if (command === 'dev') {
  try {
    await runDev(args);
  } catch (error) {
    console.error(`rover dev: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(1);
  }
} else {
  console.error(
    command === undefined || command === 'help' || command === '--help'
      ? USAGE
      : `rover: \`${command}\` is not part of this stand-in.\n\n${USAGE}`,
  );
  process.exit(command === 'help' || command === '--help' ? 0 : 2);
}
