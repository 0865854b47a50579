import { Command } from '@nestjs/cqrs';
import type { FaceAnswer, FaceName } from '../ports/event-store.port';
import type { Actor } from './actor';

/**
 * How the face a command came through wants its answer kept: with an Idempotency-Key, the
 * face's own answer to the outcome is stored in the append's transaction, under the face's name,
 * and a repeat of the request gets exactly that answer back.
 */
export interface FaceReply<O> {
  readonly face: FaceName;
  /** A fingerprint of the request as the face received it: a repeated key must come with the same request. */
  readonly requestHash: string;
  /** The face's answer to the outcome, in its own format (what a replay returns). */
  answer(outcome: O): FaceAnswer;
}

/** Who asks, on which version of the resource, and how their face answers. */
export interface WriteContext<O> {
  readonly actor: Actor;
  /** The version the caller last saw (`If-Match`); null: apply to whatever is current. */
  readonly expectedVersion: number | null;
  readonly reply: FaceReply<O>;
}

/** What a write came to: the outcome, or the stored answer of the first request with the same key. */
export type Written<O> = { readonly replayed: false; readonly outcome: O } | { readonly replayed: true; readonly answer: FaceAnswer };

/** A command that changes state: its intent (the subclass's fields), and who asks (`context`). */
export abstract class WriteCommand<O> extends Command<Written<O>> {
  constructor(readonly context: WriteContext<O>) {
    super();
  }
}
