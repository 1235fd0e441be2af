//! The e-mail templates: one letter per [`EventKind`], in the recipient's language.
//!
//! Every word comes from the catalogue (`core/locales/<lang>/mail.ftl`, ids `mail-…`); the
//! event supplies the data (grounds, originals, pickup conditions, texts typed by clerks), the
//! [`MailContext`] the person, the appeal and the council. [`super::letter`] lays the result out
//! as plain text and as HTML, escaping everything in the HTML part.
//!
//! Each letter about an appeal carries the appeal number, the service and a link to the appeal in
//! the private section. The confirmation request is the exception: it goes to an address nobody
//! has confirmed yet, so it carries no name, no appeal and no council — only the confirmation
//! link and the site's address.

use chrono::{Datelike, NaiveDate};

use super::letter::{Block, Item, Letter, Link, Signature};
use super::{MailContext, RenderedMail};
use crate::domain::event::{ConfirmationPurpose, EventKind, PinEnd};
use crate::domain::status::Refusal;
use crate::i18n::{Arg, Lang, Msg, tr, tr_args};
use crate::store::accounts::CONFIRMATION_TTL;

/// A date as the recipient reads it: «21 декабря 2026 г.», “21 December 2026”.
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    tr_args(
        lang,
        "mail-date",
        &[("day", Arg::from(date.day())), ("month", Arg::from(date.month())), ("year", Arg::from(date.year()))],
    )
}

/// Renders the e-mail about an event: subject, plain text and HTML, in `ctx.lang`.
///
/// Every kind has a letter, including those [`EventKind::is_mailed`] leaves out, so that a
/// resend or a preview never meets a gap. Whether the recipient's address may receive it
/// (personal data only to a confirmed address) is the caller's decision.
///
/// A [`EventKind::ConfirmationRequested`] needs `ctx.confirmation_url`; without one the button
/// leads to `ctx.cabinet_url`, which confirms nothing (and is logged as an error).
pub fn render(kind: &EventKind, ctx: &MailContext) -> RenderedMail {
    compose(kind, ctx).render()
}

fn compose(kind: &EventKind, ctx: &MailContext) -> Letter {
    let lang = ctx.lang;
    let date = |d: &NaiveDate| format_date(*d, lang);
    match kind {
        EventKind::Filed { number, register_by } => {
            let mut l = appeal_letter(
                ctx,
                Msg::new("mail-filed-subject"),
                tr(lang, "mail-filed-title"),
                tr_args(lang, "mail-filed-lead", &[("number", Arg::from(number)), ("date", date(register_by).into())]),
                Some(number),
            );
            if let Some(appeal) = &ctx.appeal {
                let term = appeal.term.describe(lang);
                l.blocks.push(Block::Para(match appeal.due_on {
                    Some(due) => {
                        tr_args(lang, "mail-filed-term-until", &[("term", term.into()), ("date", date(&due).into())])
                    }
                    None => tr_args(lang, "mail-filed-term", &[("term", term.into())]),
                }));
            }
            l
        }
        EventKind::Registered { deadline } => {
            let mut l = appeal_letter(
                ctx,
                Msg::new("mail-registered-subject"),
                tr(lang, "mail-registered-title"),
                tr(lang, "mail-registered-lead"),
                None,
            );
            if let Some(appeal) = &ctx.appeal {
                let args = [("date", date(deadline).into()), ("term", appeal.term.describe(lang).into())];
                l.blocks.push(Block::Para(tr_args(lang, "mail-registered-deadline", &args)));
            } else {
                l.blocks.push(Block::Para(tr_args(
                    lang,
                    "mail-registered-deadline-plain",
                    &[("date", date(deadline).into())],
                )));
            }
            l.blocks.push(Block::Para(tr(lang, "mail-registered-next")));
            l
        }
        EventKind::RefusedToRegister(refusal) => {
            let mut l = appeal_letter(
                ctx,
                Msg::new("mail-refused-to-register-subject"),
                tr(lang, "mail-refused-to-register-title"),
                tr(lang, "mail-refused-to-register-lead"),
                None,
            );
            refusal_blocks(&mut l, refusal, lang);
            l.blocks.push(Block::Para(tr(lang, "mail-refused-to-register-next")));
            l
        }
        EventKind::StageStarted { title, .. } => {
            let mut l = appeal_letter(
                ctx,
                Msg::new("mail-stage-started-subject"),
                tr(lang, "mail-stage-started-title"),
                tr_args(lang, "mail-stage-started-lead", &[("stage", title.get(lang).into())]),
                None,
            );
            l.blocks.push(Block::Para(tr(lang, "mail-stage-started-next")));
            l
        }
        EventKind::OriginalsRequested(request) => {
            let mut l = appeal_letter(
                ctx,
                Msg::new("mail-originals-requested-subject"),
                tr(lang, "mail-originals-requested-title"),
                tr(lang, "mail-originals-requested-lead"),
                None,
            );
            l.blocks.push(Block::List {
                heading: tr_args(lang, "mail-originals-list", &[("n", request.originals.len().into())]),
                ordered: false,
                items: request
                    .originals
                    .iter()
                    .map(|o| Item { text: o.title.get(lang).to_owned(), note: None })
                    .collect(),
            });
            l.blocks.push(Block::Facts(vec![
                (tr(lang, "mail-originals-place"), request.place.clone()),
                (
                    tr(lang, "mail-originals-by"),
                    tr_args(lang, "mail-until-date", &[("date", date(&request.by).into())]),
                ),
            ]));
            l.blocks.push(Block::Para(tr(lang, "mail-originals-warning")));
            l
        }
        EventKind::OriginalsReceived => appeal_letter(
            ctx,
            Msg::new("mail-originals-received-subject"),
            tr(lang, "mail-originals-received-title"),
            tr(lang, "mail-originals-received-lead"),
            None,
        ),
        EventKind::Suspended { due, originals, place } => {
            let mut l = appeal_letter(
                ctx,
                Msg::new("mail-suspended-subject"),
                tr(lang, "mail-suspended-title"),
                tr_args(lang, "mail-suspended-lead", &[("date", date(due).into())]),
                None,
            );
            l.blocks.push(Block::Para(tr(lang, "mail-suspended-next")));
            if !originals.is_empty() {
                l.blocks.push(Block::List {
                    heading: tr_args(lang, "mail-originals-list", &[("n", originals.len().into())]),
                    ordered: false,
                    items: originals.iter().map(|o| Item { text: o.title.get(lang).to_owned(), note: None }).collect(),
                });
            }
            if !place.trim().is_empty() {
                l.blocks.push(Block::Facts(vec![(tr(lang, "mail-originals-place"), place.clone())]));
            }
            l
        }
        EventKind::Closed => {
            let mut l = appeal_letter(
                ctx,
                Msg::new("mail-closed-subject"),
                tr(lang, "mail-closed-title"),
                tr(lang, "mail-closed-lead"),
                None,
            );
            l.blocks.push(Block::Para(tr(lang, "mail-closed-next")));
            l
        }
        EventKind::Refused(refusal) => {
            let mut l = appeal_letter(
                ctx,
                Msg::new("mail-refused-subject"),
                tr(lang, "mail-refused-title"),
                tr(lang, "mail-refused-lead"),
                None,
            );
            refusal_blocks(&mut l, refusal, lang);
            l.blocks.push(Block::Para(tr(lang, "mail-refused-next")));
            l
        }
        EventKind::Ready(pickup) => {
            let mut l = appeal_letter(
                ctx,
                Msg::new("mail-ready-subject"),
                tr(lang, "mail-ready-title"),
                tr(lang, "mail-ready-lead"),
                None,
            );
            l.blocks.push(Block::Facts(vec![
                (tr(lang, "mail-ready-place"), pickup.place.clone()),
                (
                    tr(lang, "mail-ready-from"),
                    tr_args(lang, "mail-ready-from-date", &[("date", date(&pickup.from).into())]),
                ),
                (tr(lang, "mail-ready-hours"), pickup.hours.clone()),
                (tr(lang, "mail-ready-bring"), pickup.bring.clone()),
            ]));
            l
        }
        EventKind::HandedOver(handover) => {
            let mut l = appeal_letter(
                ctx,
                Msg::new("mail-handed-over-subject"),
                tr(lang, "mail-handed-over-title"),
                tr(lang, "mail-handed-over-lead"),
                None,
            );
            l.blocks.push(Block::Facts(vec![
                (tr(lang, "mail-handed-over-collected-by"), handover.collected_by.clone()),
                (
                    tr(lang, "mail-handed-over-id-document"),
                    crate::timeline::masked_id_document(&handover.id_document, lang),
                ),
            ]));
            l.blocks.push(Block::Para(tr(lang, "mail-handed-over-next")));
            l
        }
        EventKind::IssuedElectronically(document) => {
            let mut l = appeal_letter(
                ctx,
                Msg::new("mail-issued-electronically-subject"),
                tr(lang, "mail-issued-electronically-title"),
                tr(lang, "mail-issued-electronically-lead"),
                None,
            );
            l.blocks
                .push(Block::Facts(vec![(tr(lang, "mail-issued-electronically-file"), document.file_name.clone())]));
            if let Some(link) = &mut l.link {
                link.label = tr(lang, "mail-link-download");
            }
            l
        }
        EventKind::Answered { text } => {
            let mut l = appeal_letter(
                ctx,
                Msg::new("mail-answered-subject"),
                tr(lang, "mail-answered-title"),
                tr(lang, "mail-answered-lead"),
                None,
            );
            l.blocks.push(Block::Quote { heading: tr(lang, "mail-answer-heading"), text: text.clone() });
            l.blocks.push(Block::Para(tr(lang, "mail-answered-next")));
            l
        }
        EventKind::Withdrawn => {
            let mut l = appeal_letter(
                ctx,
                Msg::new("mail-withdrawn-subject"),
                tr(lang, "mail-withdrawn-title"),
                tr(lang, "mail-withdrawn-lead"),
                None,
            );
            l.blocks.push(Block::Para(tr(lang, "mail-withdrawn-next")));
            l
        }
        EventKind::Message { text } => {
            let mut l = appeal_letter(
                ctx,
                Msg::new("mail-message-subject"),
                tr(lang, "mail-message-title"),
                tr(lang, "mail-message-lead"),
                None,
            );
            l.blocks.push(Block::Quote { heading: tr(lang, "mail-message-heading"), text: text.clone() });
            // a message often asks something, and the letter comes from an address nobody reads
            let how = match &ctx.council {
                Some(c) if c.phone.as_ref().is_some_and(|p| !p.trim().is_empty()) => "phone",
                Some(c) if !c.address.trim().is_empty() => "visit",
                _ => "none",
            };
            l.blocks.push(Block::Para(tr_args(lang, "mail-message-reply", &[("how", Arg::from(how))])));
            l
        }
        EventKind::DeadlineExtended { from, to, reason } => {
            // the new date, not a count of days (a deadline moved off a day off is longer)
            let lead = tr_args(lang, "mail-deadline-extended-lead", &[("date", date(to).into())]);
            let mut l = appeal_letter(
                ctx,
                Msg::new("mail-deadline-extended-subject"),
                tr(lang, "mail-deadline-extended-title"),
                lead,
                None,
            );
            l.blocks.push(Block::Facts(vec![
                (tr(lang, "mail-deadline-extended-from"), date(from)),
                (tr(lang, "mail-deadline-extended-to"), date(to)),
            ]));
            l.blocks.push(Block::Quote { heading: tr(lang, "mail-deadline-extended-reason"), text: reason.clone() });
            l
        }
        EventKind::Corrected { number } => {
            let mut l = appeal_letter(
                ctx,
                Msg::new("mail-corrected-subject"),
                tr(lang, "mail-corrected-title"),
                tr_args(lang, "mail-corrected-lead", &[("new", Arg::from(number))]),
                None,
            );
            l.blocks.push(Block::Para(tr_args(lang, "mail-corrected-next", &[("new", Arg::from(number))])));
            l
        }
        EventKind::ConfirmationRequested { purpose } => confirmation_request(*purpose, ctx),
        EventKind::EmailConfirmed { purpose } => {
            let lead = match purpose {
                ConfirmationPurpose::Account => tr(lang, "mail-email-confirmed-lead-account"),
                ConfirmationPurpose::Question => tr(lang, "mail-email-confirmed-lead-question"),
            };
            let mut l =
                frame(ctx, tr(lang, "mail-email-confirmed-subject"), tr(lang, "mail-email-confirmed-title"), lead);
            l.link = Some(match (purpose, &ctx.appeal) {
                (_, Some(appeal)) => Link { label: tr(lang, "mail-link-appeal"), url: appeal.url.clone() },
                (ConfirmationPurpose::Account, None) => {
                    Link { label: tr(lang, "mail-link-cabinet"), url: ctx.cabinet_url.clone() }
                }
                (ConfirmationPurpose::Question, None) => {
                    Link { label: tr(lang, "mail-link-site"), url: ctx.cabinet_url.clone() }
                }
            });
            l
        }
        EventKind::PinRevoked { why } => {
            let id = match why {
                PinEnd::Reissued => "reissued",
                PinEnd::LeftRegistry => "left",
                PinEnd::Revoked => "revoked",
            };
            let text = |part: &str| tr(lang, &format!("mail-pin-{id}-{part}"));
            let mut l = frame(ctx, text("subject"), text("title"), text("lead"));
            l.blocks.push(Block::Para(text("next")));
            if *why == PinEnd::Reissued {
                l.link = Some(Link { label: tr(lang, "mail-link-cabinet"), url: ctx.cabinet_url.clone() });
            }
            l
        }
        EventKind::EmailChangeRequested { to } => {
            let mut l = frame(
                ctx,
                tr(lang, "mail-email-change-subject"),
                tr(lang, "mail-email-change-title"),
                tr_args(lang, "mail-email-change-lead", &[("email", Arg::from(to))]),
            );
            l.blocks.push(Block::Para(tr(lang, "mail-email-change-next")));
            l.link = Some(Link { label: tr(lang, "mail-link-cabinet"), url: ctx.cabinet_url.clone() });
            l
        }
        EventKind::QuestionAnswered { text } => {
            let subject = match &ctx.question {
                Some(q) => tr_args(lang, "mail-question-answered-subject-dated", &[("date", date(&q.asked_on).into())]),
                None => tr(lang, "mail-question-answered-subject"),
            };
            let mut l =
                frame(ctx, subject, tr(lang, "mail-question-answered-title"), tr(lang, "mail-question-answered-lead"));
            if let Some(q) = &ctx.question {
                if let Some(address) = &q.address {
                    l.blocks.push(Block::Facts(vec![(tr(lang, "mail-question-address"), address.clone())]));
                }
                l.blocks.push(Block::Quote { heading: tr(lang, "mail-question-heading"), text: q.text.clone() });
            }
            l.blocks.push(Block::Quote { heading: tr(lang, "mail-answer-heading"), text: text.clone() });
            l.link = Some(Link { label: tr(lang, "mail-link-site"), url: ctx.cabinet_url.clone() });
            l
        }
    }
}

/// The frame every letter but the confirmation request shares: brand, greeting, signature.
fn frame(ctx: &MailContext, subject: String, title: String, lead: String) -> Letter {
    let lang = ctx.lang;
    let app = tr(lang, "app-name");
    let greeting = match ctx.addressee.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        Some(name) => {
            let name = match lang {
                Lang::Ru => russian_form_of_address(name).unwrap_or_else(|| name.to_owned()),
                Lang::En => name.to_owned(),
            };
            tr_args(lang, "mail-greeting", &[("name", name.into())])
        }
        None => tr(lang, "mail-greeting-plain"),
    };
    let (brand, signature) = match &ctx.council {
        Some(council) => {
            let mut lines = Vec::new();
            if !council.address.trim().is_empty() {
                lines.push(tr_args(lang, "mail-council-address", &[("address", Arg::from(&council.address))]));
            }
            if !council.hours.trim().is_empty() {
                lines.push(tr_args(lang, "mail-council-hours", &[("hours", Arg::from(&council.hours))]));
            }
            if let Some(phone) = council.phone.as_ref().filter(|p| !p.trim().is_empty()) {
                lines.push(tr_args(lang, "mail-council-phone", &[("phone", Arg::from(phone))]));
            }
            (
                format!("{app} · {}", council.name),
                Signature { regards: tr(lang, "mail-regards"), name: council.name.clone(), lines },
            )
        }
        None => (app.clone(), Signature { regards: tr(lang, "mail-regards"), name: app, lines: Vec::new() }),
    };
    Letter {
        lang,
        subject,
        brand,
        title,
        greeting,
        lead,
        summary: Vec::new(),
        blocks: Vec::new(),
        link: None,
        link_fallback: tr(lang, "mail-link-fallback"),
        signature,
        footer: tr(lang, "mail-footer"),
    }
}

/// How a Russian letter addresses someone who signed with their full name (a question asked
/// without a PIN): «Крылова Екатерина Саввична» or «Екатерина Саввична Крылова» is greeted
/// «Здравствуйте, Екатерина Саввична!», as people write to each other, not by the surname and
/// all. A name that does not read as a name with a patronymic beside a surname stays whole.
fn russian_form_of_address(full: &str) -> Option<String> {
    let patronymic = |w: &str| {
        let w = w.to_lowercase();
        w.chars().count() > 4 && (w.ends_with("ич") || w.ends_with("вна") || w.ends_with("чна"))
    };
    match full.split_whitespace().collect::<Vec<_>>().as_slice() {
        // name, patronymic, surname: tried first, as a surname may end in -ич too (Шушкевич)
        [name, p, _] if patronymic(p) => Some(format!("{name} {p}")),
        [_, name, p] if patronymic(p) => Some(format!("{name} {p}")),
        _ => None,
    }
}

/// A letter about an appeal: its number and service under the lead, and the link to it.
///
/// `number` stands in for `ctx.appeal`'s number when the event itself carries it; without
/// either, the subject falls back to the title.
fn appeal_letter(ctx: &MailContext, subject: Msg, title: String, lead: String, number: Option<&String>) -> Letter {
    let lang = ctx.lang;
    let number = ctx.appeal.as_ref().map(|a| &a.number).or(number);
    let subject = match number {
        Some(n) => subject.arg("number", n.as_str()).render(lang),
        None => title.clone(),
    };
    let mut l = frame(ctx, subject, title, lead);
    if let Some(n) = number {
        l.summary.push((tr(lang, "mail-fact-number"), n.clone()));
    }
    l.link = Some(match &ctx.appeal {
        Some(appeal) => {
            l.summary.push((tr(lang, "mail-fact-service"), appeal.service.get(lang).to_owned()));
            Link { label: tr(lang, "mail-link-appeal"), url: appeal.url.clone() }
        }
        None => Link { label: tr(lang, "mail-link-cabinet"), url: ctx.cabinet_url.clone() },
    });
    l
}

/// The grounds with their remedies, then the clerk's explanation.
fn refusal_blocks(l: &mut Letter, refusal: &Refusal, lang: Lang) {
    if !refusal.grounds.is_empty() {
        l.blocks.push(Block::List {
            heading: tr_args(lang, "mail-grounds-heading", &[("n", refusal.grounds.len().into())]),
            ordered: true,
            items: refusal
                .grounds
                .iter()
                .map(|g| Item {
                    text: g.text.get(lang).to_owned(),
                    note: Some((tr(lang, "mail-ground-remedy"), g.remedy.get(lang).to_owned()))
                        .filter(|(_, remedy)| !remedy.trim().is_empty()),
                })
                .collect(),
        });
    }
    if let Some(explanation) = refusal.added_explanation() {
        l.blocks.push(Block::Quote { heading: tr(lang, "mail-explanation-heading"), text: explanation.to_owned() });
    }
}

/// The link to confirm an address: nothing about the person, their appeal or their council.
fn confirmation_request(purpose: ConfirmationPurpose, ctx: &MailContext) -> Letter {
    let lang = ctx.lang;
    let app = tr(lang, "app-name");
    let lead = match purpose {
        ConfirmationPurpose::Account => tr(lang, "mail-confirmation-requested-lead-account"),
        ConfirmationPurpose::Question => tr(lang, "mail-confirmation-requested-lead-question"),
    };
    let url = match &ctx.confirmation_url {
        Some(url) => url.clone(),
        None => {
            tracing::error!("a confirmation request was rendered without its link");
            ctx.cabinet_url.clone()
        }
    };
    let mut blocks = vec![Block::Para(tr_args(
        lang,
        "mail-confirmation-requested-valid",
        &[("n", Arg::Num(CONFIRMATION_TTL.num_days()))],
    ))];
    // what happens once the link has expired: a new link from the private section, or the
    // question is deleted with its link (`store::questions::purge_unconfirmed`)
    blocks.push(Block::Para(tr(
        lang,
        match purpose {
            ConfirmationPurpose::Account => "mail-confirmation-requested-expired-account",
            ConfirmationPurpose::Question => "mail-confirmation-requested-expired-question",
        },
    )));
    if purpose == ConfirmationPurpose::Account {
        blocks.push(Block::Para(tr(lang, "mail-confirmation-requested-privacy")));
    }
    blocks.push(Block::Para(tr(lang, "mail-confirmation-requested-ignore")));
    Letter {
        lang,
        subject: tr(lang, "mail-confirmation-requested-subject"),
        brand: app.clone(),
        title: tr(lang, "mail-confirmation-requested-title"),
        greeting: tr(lang, "mail-greeting-plain"),
        lead,
        summary: Vec::new(),
        blocks,
        link: Some(Link { label: tr(lang, "mail-confirmation-requested-button"), url }),
        link_fallback: tr(lang, "mail-link-fallback"),
        signature: Signature {
            regards: tr(lang, "mail-regards"),
            name: app,
            lines: vec![tr_args(lang, "mail-site", &[("url", Arg::from(&ctx.cabinet_url))])],
        },
        footer: tr(lang, "mail-footer"),
    }
}

#[cfg(test)]
mod tests;
