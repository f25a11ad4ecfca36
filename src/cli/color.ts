/** Whether the CLI colours what it prints: the --color flag, then the environment, then the terminal. */

/** The values of --color. */
export const COLOR_CHOICES = ['auto', 'always', 'never'] as const;
export type ColorChoice = (typeof COLOR_CHOICES)[number];

/**
 * Colour for one stream. `--color always|never` decides; with `auto`, FORCE_COLOR (set to
 * anything but `0` or `false`, even empty, as node reads it) turns colour on, and takes
 * precedence over NO_COLOR, which turns it off when set to anything but the empty string
 * (https://no-color.org); without either, a terminal gets colour and a pipe or file none.
 *
 * @example useColor('auto', { NO_COLOR: '1' }, true) // false
 */
export function useColor(choice: ColorChoice, env: Readonly<Record<string, string | undefined>>, isTerminal: boolean): boolean {
  if (choice !== 'auto') return choice === 'always';
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR) return false;
  return isTerminal;
}
