Feature: Complete the User Information pages (guide step 5)
  The guide: "CEC must complete the required fields on the User Information pages then
  click Continue"

  Background:
    Given a CEC has a delegation email

  Rule: The first page asks who the CEC is

    Background:
      Given the CEC has reached the "User Information (1 of 2)" page

    @guide-step-5 @full-walk
    Scenario: Both pages completed lead to the Username & Password
      When the CEC completes the required fields on the "User Information (1 of 2)" page
      And clicks Continue
      Then the "User Information (2 of 2)" page opens
      When the CEC completes the required fields on the "User Information (2 of 2)" page
      And clicks Continue
      Then the "Username & Password" page opens

    @guide-step-5 @negative
    Scenario Outline: Each required field must be filled in (UI-301)
      When the CEC completes the page but leaves the <field> empty
      And clicks Continue
      Then the page says only "<field> is required." (UI-301)
      And the <field> field is marked as invalid

      Examples:
        | field                 |
        | First Name            |
        | Last Name             |
        | Date of Birth         |
        | Email Address         |
        | Confirm Email Address |
        | Phone Number          |
        | Preferred Language    |

    @guide-step-5 @negative
    Scenario Outline: A value in the wrong format is explained (UI-302)
      When the CEC completes the page but enters "<value>" as the <field>
      And clicks Continue
      Then the page says "<message>" (UI-302)
      And the <field> field is marked as invalid

      Examples:
        | field          | value           | message                                                                        |
        | First Name     | R2-D2           | First Name may contain only letters, spaces, apostrophes, hyphens and periods. |
        | Last Name      | Smith3          | Last Name may contain only letters, spaces, apostrophes, hyphens and periods.  |
        | Middle Initial | AB              | Middle Initial must be one letter.                                             |
        | Date of Birth  | 1990-04-15      | Enter a valid Date of Birth (MM/DD/YYYY).                                      |
        | Date of Birth  | 02/30/1990      | Enter a valid Date of Birth (MM/DD/YYYY).                                      |
        | Email Address  | cec.example.org | Enter a valid Email Address.                                                   |
        | Phone Number   | 916-555-010     | Enter a valid Phone Number with 10 digits.                                     |

    @guide-step-5 @negative
    Scenario: Email addresses that do not match (UI-303)
      When the CEC completes the page but enters "someone.else@example.org" as the Confirm Email Address
      And clicks Continue
      Then the page says only "Email addresses do not match." (UI-303)
      And the Confirm Email Address field is marked as invalid

    @guide-step-5 @negative
    Scenario: A CEC under 18 cannot create an account (UI-304)
      When the CEC completes the page with a Date of Birth that makes the CEC 17 years old
      And clicks Continue
      Then the page says only "You must be at least 18 years old." (UI-304)

    @guide-step-5
    Scenario Outline: Accented, apostrophe and hyphenated names are accepted
      When the CEC completes the page with the First Name "<first name>" and the Last Name "<last name>"
      And clicks Continue
      Then the "User Information (2 of 2)" page opens

      Examples:
        | first name | last name    |
        | José       | Nuñez        |
        | D'Andre    | O'Brien      |
        | Jean-Luc   | García-López |
        | Mary Ann   | St. John     |

    @guide-step-5
    Scenario: Back from the second page keeps what was entered on the first
      Given the CEC has completed the "User Information (1 of 2)" page
      When the CEC clicks Back
      Then the "User Information (1 of 2)" page opens
      And the page still shows what the CEC entered

    @guide-step-5
    Scenario: Back from the Username & Password keeps the address
      Given the CEC has completed the "User Information (1 of 2)" page
      And the CEC has completed the "User Information (2 of 2)" page
      When the CEC clicks Back
      Then the "User Information (2 of 2)" page opens
      And the page still shows what the CEC entered

  Rule: The second page asks where the CEC lives

    Background:
      Given the CEC has reached the "User Information (2 of 2)" page

    @guide-step-5 @negative
    Scenario Outline: The address must be complete and well formed (UI-301, UI-302)
      When the CEC completes the page but enters "<value>" as the <field>
      And clicks Continue
      Then the page says only "<message>" (<code>)
      And the <field> field is marked as invalid

      Examples:
        | field          | value | message                                       | code   |
        | Street Address |       | Street Address is required.                   | UI-301 |
        | ZIP Code       | 9581  | Enter a valid ZIP Code (12345 or 12345-6789). | UI-302 |
        | County         |       | County is required.                           | UI-301 |
