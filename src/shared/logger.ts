import pino from 'pino';

export type Logger = pino.Logger;

/**
 * `err` with its cause chain: a domain error that replaced a driver's or a parser's error logs
 * both, each with type, message, stack and its own fields (`cause: { type, message, code, … }`).
 */
const serializers = { err: pino.stdSerializers.errWithCause };

/** JSON logs. Child loggers carry the order and step: `logger.child({ order, step })`. */
export function createLogger(level: string = 'info', destination?: pino.DestinationStream): Logger {
  const options = { level, base: { app: 'minhu' }, serializers };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that writes nothing, for tests and CLIs that print their own output. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
