Feature: Open the sign-up link (guide step 1)
  The guide: "Please select the link provided and follow the steps below to set up and
  activate your CEC user account on CoveredCA.com." "1. To set up the account in
  CoveredCA.com, please click here"

  The link opens Create Your Account, where the CEC types the three values of the
  delegation email.

  @guide-step-1
  Scenario: The guide's link opens Create Your Account with its three fields
    Given a CEC has a delegation email
    When the CEC opens the sign-up link
    Then the "Create Your Account" page opens
    And the page asks for the Delegation Code, CEE Business Legal Name and CEC Certification #
    And the three fields are empty
    And the page says to enter the information exactly as it appears, without extra spaces
    And the CONTINUE button can be clicked

  @guide-step-1
  Scenario: Opening the link again starts the sign-up over
    Given a CEC has a delegation email
    And the CEC has reached the "Use of the Website" page
    When the CEC opens the sign-up link
    Then the "Create Your Account" page opens
    And the three fields are empty
