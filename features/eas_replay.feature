Feature: Replay a CEC's reported activation for the EAS
  The guide: "If any errors occur during this process, a screen shot of the error message
  must be provided to the EAS and a description of what step in the process the error
  occurred." EAS staff replay a report with `eas-reproduce TICKET`, which runs this
  scenario with the values exactly as the CEC typed them (several tickets: once per ticket,
  in one run). Without a ticket it replays a clean report, which must activate.

  @eas-replay @guide-step-1 @guide-step-2 @guide-step-3 @guide-step-4 @guide-step-5 @guide-step-6 @guide-step-7 @guide-step-8 @guide-step-9
  Scenario: A reported activation is replayed with the values exactly as the CEC typed them
    Given a CEC reported a problem with their activation
    When the CEC follows the guide from the sign-up link, typing the values exactly as reported
    Then the activation completes through guide step 9
