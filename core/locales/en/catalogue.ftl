## Problems of a service catalogue file (`clerk-tui catalogue load`): where each is and how to
## fix it. $list is the TOML key of a list within a service (stage, original, register_ground,
## provide_ground), $text the key of its text (title or text).

catalogue-invalid = The service catalogue has { $n ->
        [one] { $n } problem
       *[other] { $n } problems
    }:
catalogue-service-toml = service “{ $service }”: { $problem }
catalogue-no-services = the catalogue lists no services: add at least one [[service]] section
catalogue-duplicate-service = service “{ $service }” is listed twice: each [[service]] section needs a code of its own
catalogue-service-bad-code = service “{ $service }”: the code must be 1–64 characters of a–z, 0–9 and “-”, starting with a letter
catalogue-service-title = service “{ $service }”: give the title in both languages, ru and en
catalogue-service-description = service “{ $service }”: give the description in both languages, ru and en
catalogue-service-term-over-year = service “{ $service }”: the term may be at most 365 days
catalogue-consultation-visit = service “{ $service }”: a consultation is always provided without a visit — write no_visit = true
catalogue-consultation-term = service “{ $service }”: a consultation is answered within at most 30 calendar days (59-FZ) — write unit = "calendar" and days of 30 or less in term
catalogue-service-no-stages = service “{ $service }”: a document service needs at least one stage — add a [[service.stage]] section
catalogue-service-no-visit-originals = service “{ $service }”: a no-visit service cannot ask for originals — remove its [[service.original]] sections or write no_visit = false
catalogue-service-no-register-ground = service “{ $service }”: add at least one ground for refusing to register — a [[service.register_ground]] section
catalogue-service-no-provide-ground = service “{ $service }”: add at least one ground for refusing to provide the service — a [[service.provide_ground]] section
catalogue-item-bad-code = service “{ $service }”, [[service.{ $list }]] “{ $code }”: the code must be a–z, 0–9 and “-”, starting with a letter
catalogue-item-duplicate = service “{ $service }”: the code “{ $code }” appears twice in [[service.{ $list }]] — codes must not repeat
catalogue-item-text = service “{ $service }”, [[service.{ $list }]] “{ $code }”: give { $text } in both languages, ru and en
catalogue-item-remedy = service “{ $service }”, [[service.{ $list }]] “{ $code }”: give the way to fix it (remedy) in both languages, ru and en
catalogue-field-bad-key = service “{ $service }”, field “{ $field }”: the key must be at most 40 characters of a–z, 0–9 and “_”, starting with a letter
catalogue-field-reserved-key = service “{ $service }”, field “{ $field }”: this key is taken by the applicant's registration data — choose another
catalogue-field-duplicate = service “{ $service }”: field “{ $field }” is listed twice — each field needs a key of its own
catalogue-field-label = service “{ $service }”, field “{ $field }”: give the label in both languages, ru and en
catalogue-field-max-len = service “{ $service }”, field “{ $field }”: max_len must be greater than zero
catalogue-field-min-max = service “{ $service }”, field “{ $field }”: min is above max — swap them
catalogue-field-no-options = service “{ $service }”, field “{ $field }”: a choice field lists no options — add [[service.field.options]] sections
catalogue-field-bad-option = service “{ $service }”, field “{ $field }”, option “{ $option }”: each option needs a code of its own, not empty, and a label in both languages
catalogue-field-persons = service “{ $service }”, field “{ $field }”: persons need 0 ≤ min ≤ max ≤ 20 and max of at least 1
