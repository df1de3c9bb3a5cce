Feature: Enter the delegation details and click CONTINUE (guide step 2)
  The guide: "2. After you enter delegation code, CEE business legal name and CEC
  certification number - click the CONTINUE button." and "It may be best to copy and
  paste the required information [...] Be sure not to include any additional spaces when
  copying this information."

  Background:
    Given a CEC has a delegation email
    And the CEC has opened the sign-up link

  @guide-step-2
  Scenario: Details that match the email continue to the Use of the Website
    When the CEC enters the Delegation Code, CEE Business Legal Name and CEC Certification # from the email
    And clicks CONTINUE
    Then the "Use of the Website" page opens

  @guide-step-2 @negative
  Scenario Outline: Each of the three details is required (DC-101)
    When the CEC enters the details from the email but leaves the <field> empty
    And clicks CONTINUE
    Then the page says only "<field> is required." (DC-101)
    And the <field> field is marked as invalid

    Examples:
      | field                   |
      | Delegation Code         |
      | CEE Business Legal Name |
      | CEC Certification #     |

  @guide-step-2 @negative
  Scenario: CONTINUE with nothing entered names all three details (DC-101)
    When the CEC clicks CONTINUE
    Then the page says "Delegation Code is required." (DC-101)
    And the page says "CEE Business Legal Name is required." (DC-101)
    And the page says "CEC Certification # is required." (DC-101)

  @guide-step-2 @negative
  Scenario Outline: A detail that differs from the email is not accepted (DC-102)
    When the CEC enters the details from the email with <mistake> in the <field>
    And clicks CONTINUE
    Then the page says only "We could not verify your delegation information. Check the Delegation Code, CEE Business Legal Name and CEC Certification # and try again." (DC-102)
    And the CEC is still on the "Create Your Account" page

    Examples:
      | mistake                                   | field                   |
      | a wrong value                             | Delegation Code         |
      | a wrong value                             | CEE Business Legal Name |
      | a wrong value                             | CEC Certification #     |
      | a leading space                           | Delegation Code         |
      | a trailing space                          | CEE Business Legal Name |
      | a non-breaking space pasted from an email | CEC Certification #     |
      | the wrong case                            | Delegation Code         |
      | the wrong case                            | CEE Business Legal Name |

  @guide-step-2 @negative
  Scenario: What the CEC typed stays in the fields, to be corrected
    When the CEC enters the details from the email with a trailing space in the Delegation Code
    And clicks CONTINUE
    Then the page says "We could not verify your delegation information. Check the Delegation Code, CEE Business Legal Name and CEC Certification # and try again." (DC-102)
    And the fields show exactly what the CEC typed
    When the CEC enters the Delegation Code, CEE Business Legal Name and CEC Certification # from the email
    And clicks CONTINUE
    Then the "Use of the Website" page opens

  @guide-step-2 @negative
  Scenario: A detail longer than 200 characters is refused and not kept (DC-102)
    When the CEC enters the details from the email with 201 characters in the CEE Business Legal Name
    And clicks CONTINUE
    Then the page says only "We could not verify your delegation information. Check the Delegation Code, CEE Business Legal Name and CEC Certification # and try again." (DC-102)
    And the CEE Business Legal Name field is empty

  @guide-step-2 @negative
  Scenario: A code that was already used to create an account (DC-103)
    Given the code in the CEC's email has already been used
    When the CEC enters the Delegation Code, CEE Business Legal Name and CEC Certification # from the email
    And clicks CONTINUE
    Then the page says only "This delegation code has already been used to create an account. Contact your Certified Enrollment Entity for a new code." (DC-103)

  @guide-step-2 @negative
  Scenario: A code that has expired (DC-104)
    Given the code in the CEC's email has expired
    When the CEC enters the Delegation Code, CEE Business Legal Name and CEC Certification # from the email
    And clicks CONTINUE
    Then the page says only "This delegation code has expired. Contact your Certified Enrollment Entity for a new code." (DC-104)

  @guide-step-2 @negative
  Scenario: Five unsuccessful attempts stop the sign-up for a while (DC-105)
    Given the CEC has entered a wrong Delegation Code 4 times
    When the CEC enters the details from the email with a wrong value in the Delegation Code
    And clicks CONTINUE
    Then the page says only "Too many unsuccessful attempts. Wait 15 minutes and try again." (DC-105)
    When the CEC enters the Delegation Code, CEE Business Legal Name and CEC Certification # from the email
    And clicks CONTINUE
    Then the page says only "Too many unsuccessful attempts. Wait 15 minutes and try again." (DC-105)
    And the CEC is still on the "Create Your Account" page

  @guide-step-2 @negative
  Scenario: Opening the sign-up link again in the same browser does not lift the lock (DC-105)
    Given the CEC has entered a wrong Delegation Code 4 times
    When the CEC enters the details from the email with a wrong value in the Delegation Code
    And clicks CONTINUE
    Then the page says only "Too many unsuccessful attempts. Wait 15 minutes and try again." (DC-105)
    When the CEC opens the sign-up link
    And the CEC enters the Delegation Code, CEE Business Legal Name and CEC Certification # from the email
    And clicks CONTINUE
    Then the page says only "Too many unsuccessful attempts. Wait 15 minutes and try again." (DC-105)
    And the CEC is still on the "Create Your Account" page
