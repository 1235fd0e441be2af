//! The one portable schema, for SQLite and PostgreSQL alike.
//!
//! Written by hand to the common subset of SQL types (BigInt, Integer, Text, Bool, Timestamp,
//! Date, Binary); `store::tests::schemas_agree` checks it against both migrated databases.

diesel::table! {
    districts (code) {
        code -> Text,
        name -> Text,
        council_name -> Text,
        council_address -> Text,
        office_hours -> Text,
        phone -> Nullable<Text>,
    }
}

diesel::table! {
    registry_imports (id) {
        id -> BigInt,
        started_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
        file_name -> Text,
        actor -> Text,
        districts -> Text,
        rows_total -> BigInt,
        rows_inserted -> BigInt,
        rows_updated -> BigInt,
        rows_left -> BigInt,
    }
}

diesel::table! {
    residents (id) {
        id -> BigInt,
        registry_id -> Text,
        surname -> Text,
        name -> Text,
        patronymic -> Nullable<Text>,
        birth_date -> Date,
        district_code -> Text,
        street -> Text,
        house -> Text,
        building -> Nullable<Text>,
        structure -> Nullable<Text>,
        flat -> Nullable<Text>,
        registration_kind -> Text,
        surname_key -> Text,
        name_key -> Text,
        address_key -> Text,
        left_at -> Nullable<Timestamp>,
        import_id -> Nullable<BigInt>,
        changed_import_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    clerks (id) {
        id -> BigInt,
        login -> Text,
        full_name -> Text,
        role -> Text,
        district_code -> Nullable<Text>,
        password_hash -> Text,
        disabled_at -> Nullable<Timestamp>,
        failed_attempts -> Integer,
        lockout_level -> Integer,
        locked_until -> Nullable<Timestamp>,
        last_failure_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        password_changed_at -> Timestamp,
    }
}

diesel::table! {
    accounts (id) {
        id -> BigInt,
        number -> Text,
        resident_id -> BigInt,
        pin_hash -> Text,
        email -> Nullable<Text>,
        email_confirmed_at -> Nullable<Timestamp>,
        lang -> Text,
        issued_by -> Text,
        issued_by_clerk_id -> Nullable<BigInt>,
        issued_at -> Timestamp,
        desk -> Text,
        failed_attempts -> Integer,
        lockout_level -> Integer,
        locked_until -> Nullable<Timestamp>,
        last_failure_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
        revoke_reason -> Nullable<Text>,
    }
}

diesel::table! {
    email_confirmations (id) {
        id -> BigInt,
        token_hash -> Text,
        purpose -> Text,
        account_id -> Nullable<BigInt>,
        question_id -> Nullable<BigInt>,
        email -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        confirmed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    services (code) {
        code -> Text,
        kind -> Text,
        no_visit -> Bool,
        term_days -> Integer,
        term_unit -> Text,
        title_ru -> Text,
        title_en -> Text,
        definition -> Text,
        position -> Integer,
        active -> Bool,
    }
}

diesel::table! {
    appeal_counters (district_code, year) {
        district_code -> Text,
        year -> Integer,
        last_seq -> BigInt,
    }
}

diesel::table! {
    appeals (id) {
        id -> BigInt,
        number -> Text,
        public_token -> Text,
        account_id -> BigInt,
        resident_id -> BigInt,
        service_code -> Text,
        district_code -> Text,
        status -> Text,
        status_data -> Text,
        stage -> Nullable<Text>,
        filed_data -> Text,
        check_result -> Text,
        needs_attention -> Bool,
        resident_left -> Bool,
        email_failed -> Bool,
        assigned_clerk_id -> Nullable<BigInt>,
        filed_at -> Timestamp,
        register_by -> Date,
        due_on -> Date,
        extended_from -> Nullable<Date>,
        extension_reason -> Nullable<Text>,
        status_changed_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        corrects_appeal_id -> Nullable<BigInt>,
        lang -> Text,
        applicant_key -> Text,
        address_key -> Text,
    }
}

diesel::table! {
    appeal_submissions (account_id, submission_key) {
        account_id -> BigInt,
        submission_key -> Text,
        appeal_id -> BigInt,
    }
}

diesel::table! {
    documents (id) {
        id -> BigInt,
        appeal_id -> BigInt,
        file_name -> Text,
        media_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        content -> Binary,
        created_at -> Timestamp,
        created_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    questions (id) {
        id -> BigInt,
        district_code -> Text,
        name -> Text,
        email -> Text,
        lang -> Text,
        body -> Text,
        status -> Text,
        asked_at -> Timestamp,
        confirmed_at -> Nullable<Timestamp>,
        due_on -> Date,
        answer -> Nullable<Text>,
        answered_by -> Nullable<BigInt>,
        answered_at -> Nullable<Timestamp>,
        name_key -> Text,
        address -> Nullable<Text>,
    }
}

diesel::table! {
    events (id) {
        id -> BigInt,
        appeal_id -> Nullable<BigInt>,
        question_id -> Nullable<BigInt>,
        account_id -> Nullable<BigInt>,
        at -> Timestamp,
        actor_kind -> Text,
        actor_id -> Nullable<BigInt>,
        actor_name -> Nullable<Text>,
        kind -> Text,
        payload -> Text,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        actor -> Text,
        action -> Text,
        subject -> Text,
        details -> Text,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        event_id -> BigInt,
        appeal_id -> Nullable<BigInt>,
        recipient -> Text,
        lang -> Text,
        message_key -> Text,
        link_token -> Nullable<Text>,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_by -> Nullable<Text>,
        claimed_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        failed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sessions (id) {
        id -> BigInt,
        token_hash -> Text,
        account_id -> BigInt,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    sign_in_strangers (number_hash) {
        number_hash -> Text,
        failed_attempts -> Integer,
        lockout_level -> Integer,
        locked_until -> Nullable<Timestamp>,
        last_failure_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    site_keys (name) {
        name -> Text,
        secret -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(residents -> districts (district_code));
diesel::joinable!(outbox -> events (event_id));
diesel::joinable!(accounts -> residents (resident_id));
diesel::joinable!(appeals -> accounts (account_id));
diesel::joinable!(appeals -> residents (resident_id));
diesel::joinable!(appeals -> services (service_code));
diesel::joinable!(appeals -> districts (district_code));
diesel::joinable!(appeal_submissions -> appeals (appeal_id));
diesel::joinable!(documents -> appeals (appeal_id));
diesel::joinable!(events -> appeals (appeal_id));
diesel::joinable!(questions -> districts (district_code));
diesel::joinable!(sessions -> accounts (account_id));

diesel::allow_tables_to_appear_in_same_query!(
    districts,
    registry_imports,
    residents,
    clerks,
    accounts,
    email_confirmations,
    services,
    appeal_counters,
    appeals,
    appeal_submissions,
    documents,
    questions,
    events,
    audit_log,
    outbox,
    sessions,
    sign_in_strangers,
    site_keys,
);
