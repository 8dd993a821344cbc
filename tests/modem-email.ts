// One e-mail two test files read: a bare "Sorry." replying to a customer's quoted message about
// their modem, so the quote can serve as the context that fills the rewrite's concern.

/** A reply e-mail (CRLF line endings) whose only line is "Sorry.", quoting the customer's "My modem has been dead since Tuesday!!". */
export const MODEM_REPLY_EMAIL = [
  'From: Ollie <ollie@example.com>',
  'To: Dan <dan@example.com>',
  'Subject: Re: modem',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Sorry.',
  '',
  'On Wed, 5 Jun 2024 at 09:12, Dan <dan@example.com> wrote:',
  '> My modem has been dead since Tuesday!!',
  '',
].join('\r\n');
