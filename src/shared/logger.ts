import pino from 'pino';

export type Logger = pino.Logger;

/** JSON logs. Child loggers carry the order and step: `logger.child({ order, step })`. */
export function createLogger(level: string = 'info'): Logger {
  return pino({ level, base: { app: 'minhu' } });
}

/** A logger that writes nothing, for tests and CLIs that print their own output. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
