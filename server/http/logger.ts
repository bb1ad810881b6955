/**
 * JSON logs, one line per event on stdout: `{"time","level","service",…}`. Request lines carry
 * method, path, status and ms; other events a message. Secrets and request bodies are never logged.
 */
import type { LogLevel } from '../config.js'

export type LogFields = Record<string, unknown>
export type EventLevel = Exclude<LogLevel, 'silent'>

export type Logger = {
  log(level: EventLevel, fields: LogFields): void
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
  /** The same sink and level, another `service` name. */
  forService(service: string): Logger
}

export type LoggerOptions = {
  level: LogLevel
  service: string
  write?: (line: string) => void
  now?: () => Date
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 }

/** A logger writing events at or above `level`; LOG_LEVEL=silent writes nothing (tests). */
export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`))
  const now = options.now ?? (() => new Date())
  const log = (level: EventLevel, fields: LogFields) => {
    if (RANK[level] < RANK[options.level]) return
    write(JSON.stringify({ time: now().toISOString(), level, service: options.service, ...fields }))
  }
  const at = (level: EventLevel) => (message: string, fields?: LogFields) => log(level, { message, ...fields })
  return {
    log,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    forService: (service) => createLogger({ ...options, service }),
  }
}
