Feature: Activate a CEC delegation code from start to finish
  The guide: "CECs must activate their delegation code and receive their CEC badge prior
  to enrolling consumers in a qualified health plan." [...] "Congratulations! The CEC
  account has been activated and set up on CoveredCA.com."

  @smoke @guide-step-1 @guide-step-2 @guide-step-3 @guide-step-4 @guide-step-5 @guide-step-6 @guide-step-7 @guide-step-8 @guide-step-9
  Scenario: A CEC activates the delegation code and logs in
    Given a CEC has a delegation email
    When the CEC opens the sign-up link
    Then the "Create Your Account" page opens
    When the CEC enters the Delegation Code, CEE Business Legal Name and CEC Certification # from the email
    And clicks CONTINUE
    Then the "Use of the Website" page opens
    When the CEC selects "View the Terms and Conditions of Use"
    And reviews the verbiage and clicks Close
    And clicks the checkbox next to "Check this box to show you agree to Terms and Conditions"
    And clicks Continue
    Then the "User Information (1 of 2)" page opens
    When the CEC completes the required fields on the "User Information (1 of 2)" page
    And clicks Continue
    Then the "User Information (2 of 2)" page opens
    When the CEC completes the required fields on the "User Information (2 of 2)" page
    And clicks Continue
    Then the "Username & Password" page opens
    When the CEC completes all required fields in the Username & Password window
    And clicks Continue
    Then the "Verify Your Information" page opens
    And the Delegation group shows the Delegation Code, CEE Business Legal Name and CEC Certification # from the email
    When the CEC clicks Confirm
    Then a pop-up window prompts the CEC to Log In with the Username and Password
    When the CEC selects Log In
    Then the "Log In" page opens
    When the CEC logs in with the Username and Password created
    Then the CoveredCA.com home page welcomes the CEC by first name
    And the home page shows the role "Enrollment Counselor"
    And the portal holds the CEC's account, made with the code from the email

  @guide-step-2 @negative
  Scenario: The same code used twice (DC-103)
    Given a CEC has a delegation email
    And the CEC has activated the account with it
    When the CEC opens the sign-up link
    And enters the Delegation Code, CEE Business Legal Name and CEC Certification # from the email
    And clicks CONTINUE
    Then the page says only "This delegation code has already been used to create an account. Contact your Certified Enrollment Entity for a new code." (DC-103)

  @guide-step-7 @negative
  Scenario: Two CECs who reached Verify with one code get one account (DC-103)
    Given a CEC has a delegation email
    And a colleague with the same email has reached the "Verify Your Information" page in another browser
    And the CEC has reached the "Verify Your Information" page
    When the colleague clicks Confirm
    And the CEC clicks Confirm
    Then the page says only "This delegation code has already been used to create an account. Contact your Certified Enrollment Entity for a new code." (DC-103)
    And the portal holds no account for the CEC's username
