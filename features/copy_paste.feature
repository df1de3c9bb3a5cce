Feature: What a copy and paste from the delegation email can bring along (guide step 2)
  The guide: "It may be best to copy and paste the required information [...] Be sure not
  to include any additional spaces when copying this information." The portal compares the
  three values exactly as typed, so anything a paste adds or changes is a difference, even
  when the screen shows nothing wrong (DC-102).

  @guide-step-2 @negative
  Scenario Outline: A paste that brings <mistake> into the <field> is not accepted (DC-102)
    Given a CEC has a delegation email
    And the CEC has opened the sign-up link
    When the CEC enters the details from the email with <mistake> in the <field>
    And clicks CONTINUE
    Then the page says only "We could not verify your delegation information. Check the Delegation Code, CEE Business Legal Name and CEC Certification # and try again." (DC-102)
    And the fields show exactly what the CEC typed

    Examples:
      | mistake                                      | field                   |
      | a doubled space inside the value             | CEE Business Legal Name |
      | a tab instead of a space                     | CEE Business Legal Name |
      | a non-breaking space instead of a space      | CEE Business Legal Name |
      | a zero-width space (U+200B) inside the value | Delegation Code         |
      | a zero-width space (U+200B) inside the value | CEE Business Legal Name |
      | a byte order mark (U+FEFF) before the value  | CEC Certification #     |
      | a byte order mark (U+FEFF) before the value  | Delegation Code         |

  @guide-step-2 @negative
  Scenario Outline: A paste that turns <mistake> in the <field> is not accepted (DC-102)
    Given a CEC has a delegation email with an apostrophe in the CEE Business Legal Name and the digits 0 and 1 in the others
    And the CEC has opened the sign-up link
    When the CEC enters the details from the email with <mistake> in the <field>
    And clicks CONTINUE
    Then the page says only "We could not verify your delegation information. Check the Delegation Code, CEE Business Legal Name and CEC Certification # and try again." (DC-102)
    And the fields show exactly what the CEC typed

    Examples:
      | mistake                                      | field                   |
      | a curly apostrophe instead of a straight one | CEE Business Legal Name |
      | the letter O instead of the digit 0          | Delegation Code         |
      | the letter l instead of the digit 1          | Delegation Code         |
      | the letter O instead of the digit 0          | CEC Certification #     |
      | the letter l instead of the digit 1          | CEC Certification #     |

  @guide-step-2
  Scenario: The copied details themselves, apostrophe and digits as the email has them, are accepted
    Given a CEC has a delegation email with an apostrophe in the CEE Business Legal Name and the digits 0 and 1 in the others
    And the CEC has opened the sign-up link
    When the CEC enters the Delegation Code, CEE Business Legal Name and CEC Certification # from the email
    And clicks CONTINUE
    Then the "Use of the Website" page opens
