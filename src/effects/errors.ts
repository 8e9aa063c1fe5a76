/**
 * Someone changed what this turn read (the conversation, the message, a request)
 * before it committed. The inbound worker starts the turn over with fresh data.
 */
export class VersionConflict extends Error {
  override name = 'VersionConflict';
}
