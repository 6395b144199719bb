import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Maps a profiled position in a bundle (the gateway's dist/ is one esbuild bundle) back to
 * its source file through the bundle's `.map`, so time is still told apart by package.
 * Positions without a map come back unchanged.
 */
export function createSourceResolver(): (
  url: string,
  line: number,
  column: number,
) => { url: string; line: number } {
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (url: string): SourceMap | undefined => {
    if (!maps.has(url)) {
      const file = url.startsWith('file://') ? fileURLToPath(url) : url;
      const mapFile = `${file}.map`;
      maps.set(
        url,
        file.endsWith('.js') && existsSync(mapFile)
          ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')))
          : undefined,
      );
    }
    return maps.get(url);
  };
  return (url, line, column) => {
    const entry = mapOf(url)?.findEntry(line, column);
    return entry && 'originalSource' in entry
      ? { url: entry.originalSource, line: entry.originalLine }
      : { url, line };
  };
}
