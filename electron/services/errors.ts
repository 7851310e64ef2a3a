import type { AppError, ErrorCode } from '../contract';

/** An expected failure a service reports to the user: carries an Indonesian message. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }

  toAppError(): AppError {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export const notFound = (what: string) => new ServiceError('NOT_FOUND', `${what} tidak ditemukan`);

export const invalid = (field: string, message: string) => new ServiceError('VALIDATION', message, { [field]: message });
