## The demo data generator: what it prints at start, the texts its residents and clerks "type",
## its errors.

demo-district = district { $name } ({ $code })
demo-created = Demo data created in { $seconds } s: { $district }.
demo-already-present = Demo data is already there: { $district }. Nothing was added; the PINs were issued again.
demo-counts = { $residents } { $residents ->
        [one] resident
       *[other] residents
    }, { $appeals } { $appeals ->
        [one] appeal
       *[other] appeals
    }, { $questions } { $questions ->
        [one] question
       *[other] questions
    } asked without a PIN.
demo-status-count = { "  " }{ $status }: { $n }
demo-staff-clerk = Clerk: login “{ $login }”, password “{ $password }”.
demo-staff-supervisor = Supervisor: login “{ $login }”, password “{ $password }”.
demo-pin-holders = { $n ->
        [0] No PINs were issued.
        [one] A PIN was issued to { $n } resident; the slip follows.
       *[other] PINs were issued to { $n } residents; the slips follow.
    }

## What the demo's clerks write.

demo-desk = window 3
demo-issuer = Demo data
demo-place = { $council }, { $address }, window 3
demo-pickup-bring = your passport; a representative brings their own passport and a notarised power of attorney
demo-collected-by-proxy = { $name } (through a representative with a power of attorney)
demo-id-document = passport { $series } { $number }
demo-document-file-name = document-{ $number }.txt
demo-document-text =
    { $title }

    Appeal number: { $number }
    Applicant: { $name }
    Date of issue: { $date }

    A demo document made by the test data generator; it has no legal force.

demo-message-accepted = Your appeal is being worked on. If we need more details, we will let you know.
demo-message-phone = Please let us know your phone number: call the council during office hours.
demo-message-registry-request = The records have been requested from the district's ГУ ИС; the reply is expected within two working days.
demo-message-signing = The document has gone to the head of the council for signature. When it is ready, we will tell you where and when to collect it.

demo-extension-request = Information needed for the answer has been requested from other bodies (Federal Law No. 59-FZ, article 12, part 2).
demo-extension-inspection = The answer needs an inspection on site, which is scheduled for the coming days.

demo-purpose-sale = for the sale of the flat
demo-purpose-notary = for a notary (inheritance)
demo-purpose-subsidy = for a housing subsidy
demo-purpose-school = for a child's school enrolment
demo-field-text = the details are given in the appeal
demo-field-long-text = Please consider my appeal. All the details needed are given above.
demo-comment-large-family = Our eldest daughter is a full-time college student; I will provide a certificate from the college on request.

## Questions residents ask, and the answers they get.

demo-q-housing-tenancy = How do I take over the social tenancy agreement after the main tenant's death? My son and I are registered in the flat.
demo-a-housing-tenancy = The social tenancy agreement passes to one of the adult family members registered in the flat, with the others' written consent. Apply at a “My Documents” public services centre with your passport, the tenant's death certificate and your son's consent. It takes 10 working days.
demo-q-housing-lift = The lift in the first entrance of our building has been out of order for three weeks. Whom should we contact?
demo-a-housing-lift = The building's management company is responsible for repairing the lift. We have sent it a request and are monitoring the repair. If the lift does not work within a week, send us the number of your request to the dispatch service.
demo-q-benefits-repair = Is a pensioner who lives alone entitled to compensation for the major repairs contribution?
demo-a-benefits-repair = Non-working owners who live alone get 50% of the major repairs contribution back from the age of 70, and 100% from 80. Apply on mos.ru or at a “My Documents” public services centre.
demo-q-benefits-transport = How do I get free public transport for a child from a large family?
demo-a-benefits-transport = A child from a large family gets a student social card. You need a valid large-family certificate; apply on mos.ru or at a “My Documents” public services centre.
demo-q-improvement-playground = The swings in our courtyard are broken and bolts stick out of the slide. When will it be repaired?
demo-a-improvement-playground = An engineer of the “Zhilishchnik” service inspected the playground: the broken swings were removed and the slide fenced off. The repair is scheduled and will be done within a month.
demo-q-improvement-benches = Please put benches and bins by the entrances of our building.
demo-a-improvement-benches = Your proposal is included in next year's courtyard improvement programme. We will discuss the courtyard's design with the residents; the meeting will be announced on the notice boards in the entrances.
demo-q-other-reception = How do I make an appointment with the head of the council?
demo-a-other-reception = The head of the council sees residents on Mondays from 16:00 to 18:00 by appointment. Book by calling the reception or at the council, window 3.
demo-q-other-noise = A café on the ground floor is noisy in our courtyard at night. What can we do?
demo-a-other-noise = Night-time quiet is enforced by the police: call 102 while the noise is going on. We have also passed the details to the council's trade and services department to check the café's opening hours.

## Errors.

demo-error-too-few-residents = The demo data needs at least { $min } residents.
demo-error-too-many-residents = The demo can have at most { $max } residents.
demo-error-too-few-appeals = To show every status, at least { $min } appeals are needed.
demo-error-too-many-appeals = The demo can have at most { $max } appeals.
demo-error-too-many-pin-holders = The demo can issue at most { $max } PINs.
demo-error-bad-prefix = The registry id prefix “{ $prefix }” will not do: use 1 to 8 capital Latin letters or digits.
demo-error-district-in-use = District { $code } already has residents that the generator did not create. Demo data is only created in a district without residents.
demo-error-catalogue = The built-in service catalogue has errors: { $detail }
demo-error-form = The generator made a form with errors for the service “{ $service }” ({ $detail }). This is a defect of the program.
demo-error-identity = The applicant's data the generator made for the service “{ $service }” did not match the registry. This is a defect of the program.
demo-error-failed = The demo data could not be created: { $detail }
# A first demo run into a database that a council already works in.
demo-error-council-data = A council already works in this database (districts: { $districts }; clerks: { $clerks }). Demo data adds clerks whose passwords everyone knows, so it is only created in a database of its own: give one with --database-url, for example --database-url sqlite:///tmp/ereception-demo.sqlite3.
