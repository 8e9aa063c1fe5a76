/**
 * Rendering a console page: the view, the layout around it, and what every page needs
 * (who is signed in, the CSRF token for its forms, a message left by the last action,
 * the ways of saying times and states). Plus the GOV.UK error summary's shape: a list
 * of problems, each linking to the field it is about.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Coordinator } from '../store/schema.js';
import * as format from './format.js';
import type { Flash } from './session.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in coordinator (set by the console's sign-in check), or null. */
    coordinator: Coordinator | null;
  }
}

/** The sections of the console, for the menu's "you are here". */
export type Section = 'today' | 'needs' | 'gifts' | 'people' | 'reports' | 'activity' | 'queues' | 'none';

/** One problem with what was entered: `field` is the id of the input it is about. */
export interface FieldError {
  field: string;
  text: string;
}

export interface PageData {
  title: string;
  section: Section;
  errors?: FieldError[];
  [key: string]: unknown;
}

/** A form or query field as text: '' when it is missing or not text. */
export function field(source: unknown, name: string): string {
  const value = (source as Record<string, unknown> | null | undefined)?.[name];
  // NUL characters go, as at the inbox: PostgreSQL cannot store them, and no one means one.
  return typeof value === 'string' ? value.replaceAll('\u0000', '') : '';
}

/** Leaves a message for the next page (after a redirect). */
export function flash(request: FastifyRequest, message: Flash): void {
  request.session.flash = message;
}

/** The error for one field, for the message beside it. */
export function errorFor(errors: readonly FieldError[] | undefined, field: string): string | undefined {
  return errors?.find((e) => e.field === field)?.text;
}

/** Renders `view` in the layout. Pages hold personal data: never cached, never referred on. */
export async function page(request: FastifyRequest, reply: FastifyReply, view: string, data: PageData, now: number, status = 200): Promise<FastifyReply> {
  const message = request.session?.flash;
  if (message) request.session.flash = undefined;
  const csrf = request.session ? reply.generateCsrf() : '';
  const errors = data.errors ?? [];
  const html = await reply.viewAsync(view, {
    ...data,
    title: errors.length > 0 ? `Error: ${data.title}` : data.title,
    errors,
    errorFor: (field: string) => errorFor(errors, field),
    coordinator: request.coordinator,
    csrf,
    flash: message,
    now,
    f: format,
  });
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}
